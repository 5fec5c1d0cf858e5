package dev.aiapiwatch;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.confirm.ConfirmationInput;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.event.ProcessStart;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import dev.aiapiwatch.watchlist.Watchlist;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * Every side output and state descriptor of the job, declared once for the topology, the functions
 * and the tests. State names are part of savepoints: renaming one drops that state.
 */
public final class Descriptors {

    /** Process start events, split from the telemetry by the router. */
    public static final OutputTag<ProcessStart> PROCESS_STARTS =
            new OutputTag<>("process-starts", TypeInformation.of(ProcessStart.class));

    /** NetworkConnectIP4 events, split from the telemetry by the router. */
    public static final OutputTag<NetworkConnect> NETWORK_CONNECTS =
            new OutputTag<>("network-connects", TypeInformation.of(NetworkConnect.class));

    /** Input that could not be used, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Attributed lookups that reached their window after it closed. */
    public static final OutputTag<AttributedLookup> LATE_LOOKUPS =
            new OutputTag<>("late-lookups", TypeInformation.of(AttributedLookup.class));

    /** Lookups and connections that reached the confirmation pattern behind its watermark. */
    public static final OutputTag<ConfirmationInput> LATE_CONFIRMATION_INPUTS =
            new OutputTag<>(
                    "late-confirmation-inputs", TypeInformation.of(ConfirmationInput.class));

    /** Userinfo entries, split from the aidmaster and userinfo input by its router. */
    public static final OutputTag<InventoryEntry> USERINFO_ENTRIES =
            new OutputTag<>("userinfo-entries", TypeInformation.of(InventoryEntry.class));

    /** Broadcast state: the current watch list under {@link #CURRENT_WATCHLIST}. */
    public static final MapStateDescriptor<String, Watchlist> WATCHLIST =
            new MapStateDescriptor<>(
                    "watchlist", Types.STRING, TypeInformation.of(Watchlist.class));

    /** The single key of {@link #WATCHLIST}. */
    public static final String CURRENT_WATCHLIST = "current";

    /** Broadcast state: the current allowlist under {@link #CURRENT_ALLOWLIST}. */
    public static final MapStateDescriptor<String, Allowlist> ALLOWLIST =
            new MapStateDescriptor<>(
                    "allowlist", Types.STRING, TypeInformation.of(Allowlist.class));

    /** The single key of {@link #ALLOWLIST}. */
    public static final String CURRENT_ALLOWLIST = "current";

    /** Join state: the first process start of the current (aid, process id) key, watched or not. */
    public static final ValueStateDescriptor<WatchedProcess> JOIN_PROCESS =
            new ValueStateDescriptor<>("process", TypeInformation.of(WatchedProcess.class));

    /** Join state: AI lookups of the current key that wait for their process. */
    public static final ListStateDescriptor<AiLookup> JOIN_PENDING_LOOKUPS =
            new ListStateDescriptor<>("pending-lookups", TypeInformation.of(AiLookup.class));

    /** Name-stage state: the latest aidmaster or userinfo entry of the current aid or SID. */
    public static final ValueStateDescriptor<InventoryEntry> INVENTORY_ENTRY =
            new ValueStateDescriptor<>("inventory-entry", TypeInformation.of(InventoryEntry.class));

    /** Name-stage state: attributed lookups of the current key that wait for its entry. */
    public static final ListStateDescriptor<AttributedLookup> HELD_LOOKUPS =
            new ListStateDescriptor<>("held-lookups", TypeInformation.of(AttributedLookup.class));

    /** Trigger state: whether a window already emitted its early record. */
    public static final ValueStateDescriptor<Boolean> EARLY_RECORD_EMITTED =
            new ValueStateDescriptor<>("early-record-emitted", Types.BOOLEAN);

    private Descriptors() {}
}
