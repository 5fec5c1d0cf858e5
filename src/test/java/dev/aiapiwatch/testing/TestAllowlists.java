package dev.aiapiwatch.testing;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;

import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;

/** Allowlist entries and attributed lookups for allowlist tests. */
public final class TestAllowlists {

    /** 2027-03-31, the date {@link #entry} expires on: the entry applies until the next day. */
    public static final String EXPIRES = "2027-03-31";

    public static final String HOST_NAME = "DS-LAB-04";
    public static final String USER_NAME = "alex";
    public static final String COMMAND_LINE = "python.exe train.py --model gpt-4o";

    private TestAllowlists() {}

    /** Returns an entry with an owner and {@link #EXPIRES}, and no condition yet. */
    public static AllowlistEntry entry(String id) {
        AllowlistEntry entry = new AllowlistEntry();
        entry.id = id;
        entry.owner = "ds-platform@example.com";
        entry.expires = EXPIRES;
        return entry;
    }

    /**
     * Returns a lookup of api.openai.com at {@link TestEvents#T0} on {@link TestEvents#HOST_A}
     * ({@link #HOST_NAME}) by python.exe, started by explorer.exe for {@link #USER_NAME}.
     */
    public static AttributedLookup lookup() {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.timestamp = T0;
        WatchedProcess process = new WatchedProcess();
        process.aid = HOST_A;
        process.processId = "100";
        process.processName = "python.exe";
        process.parentName = "explorer.exe";
        process.commandLine = COMMAND_LINE;
        process.userName = USER_NAME;
        process.userSid = USER_SID;
        process.hostName = HOST_NAME;
        process.platform = "Win";
        process.timestamp = T0;
        return new AttributedLookup(lookup, process);
    }
}
