package dev.aiapiwatch.inventory;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;

/** Attributed lookups for the name-stage tests: a PowerShell process without host or user name. */
final class NameFills {

    private NameFills() {}

    static AttributedLookup lookup(String aid, long timestamp) {
        AiLookup lookup = new AiLookup();
        lookup.aid = aid;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.timestamp = timestamp;
        WatchedProcess process = new WatchedProcess();
        process.aid = aid;
        process.processId = "100";
        process.processName = "powershell.exe";
        process.parentName = "explorer.exe";
        process.commandLine = "powershell.exe -File ask.ps1";
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = timestamp - 1_000;
        return new AttributedLookup(lookup, process);
    }
}
