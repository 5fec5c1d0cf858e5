package dev.aiapiwatch.inventory;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.WatchedProcess;

/**
 * Fills the user name from the userinfo entry of the process's Windows SID. A user name that the
 * process event carried, as Linux and macOS events do, is kept; a lookup without a SID passes
 * unchanged.
 */
public class UserNameFill extends NameFillFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected String counterName() {
        return RunCounters.USER_NAMES_FILLED;
    }

    @Override
    protected String nameOf(WatchedProcess process) {
        return process.userName;
    }

    @Override
    protected boolean waitsForName(AttributedLookup attributed) {
        return attributed.process.userName == null && attributed.process.userSid != null;
    }

    @Override
    protected WatchedProcess filled(WatchedProcess process, InventoryEntry known) {
        if (process.userName != null || process.userSid == null || known.name == null) {
            return process;
        }
        WatchedProcess copy = process.copy();
        copy.userName = known.name;
        return copy;
    }
}
