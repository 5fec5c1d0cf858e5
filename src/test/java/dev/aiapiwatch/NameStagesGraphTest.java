package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.io.TelemetryFiles;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Whether the topology has the name stages, read from its stream graph without running it. */
class NameStagesGraphTest {

    private static final DetectionSettings SETTINGS =
            new DetectionSettings(
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5),
                    WatchlistFile.builtIn(),
                    ProcessRules.builtIn());

    @Test
    void noStagesWithoutEntries() {
        assertThat(uids(false))
                .doesNotContain("route-aidmaster-userinfo", "fill-host-names", "fill-user-names")
                .contains("join-lookups-processes", "risk-windows");
    }

    @Test
    void stagesBetweenJoinAndWindows() {
        List<String> uids = uids(true);

        assertThat(uids)
                .contains(
                        "route-aidmaster-userinfo",
                        "fill-host-names",
                        "fill-user-names",
                        "risk-windows");
        assertThat(uids.indexOf("join-lookups-processes"))
                .isLessThan(uids.indexOf("fill-host-names"));
        assertThat(uids.indexOf("fill-host-names")).isLessThan(uids.indexOf("fill-user-names"));
        assertThat(uids.indexOf("fill-user-names")).isLessThan(uids.indexOf("risk-windows"));
    }

    /** Returns the uids of the topology's operators in the order they were added. */
    private static List<String> uids(boolean withEntries) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<FalconEvent> telemetry =
                env.fromData(List.of(new FalconEvent()), TypeInformation.of(FalconEvent.class));
        DataStream<InventoryEntry> entries =
                withEntries
                        ? env.fromData(
                                List.of(new InventoryEntry()),
                                TypeInformation.of(InventoryEntry.class))
                        : null;
        DetectionOutputs outputs =
                DetectionTopology.build(
                        telemetry, TelemetryFiles.noConfigUpdates(env), entries, SETTINGS);
        outputs.riskRecords().print();
        outputs.deadLetters().print();
        return env.getStreamGraph().getStreamNodes().stream()
                .sorted((a, b) -> Integer.compare(a.getId(), b.getId()))
                .map(StreamNode::getTransformationUID)
                .filter(uid -> uid != null)
                .collect(Collectors.toList());
    }
}
