package dev.aiapiwatch.inventory;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.WatchedProcess;

/**
 * Fills the host name ({@code ComputerName}) and a missing platform from the aidmaster entry of the
 * lookup's aid. A host name that the process event carried is kept.
 */
public class HostNameFill extends NameFillFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected String counterName() {
        return RunCounters.HOST_NAMES_FILLED;
    }

    @Override
    protected String nameOf(WatchedProcess process) {
        return process.hostName;
    }

    @Override
    protected boolean waitsForName(AttributedLookup attributed) {
        return attributed.process.hostName == null;
    }

    @Override
    protected WatchedProcess filled(WatchedProcess process, InventoryEntry known) {
        boolean fillsName = process.hostName == null && known.name != null;
        boolean fillsPlatform = process.platform == null && known.platform != null;
        if (!fillsName && !fillsPlatform) {
            return process;
        }
        WatchedProcess copy = process.copy();
        if (fillsName) {
            copy.hostName = known.name;
        }
        if (fillsPlatform) {
            copy.platform = known.platform;
        }
        return copy;
    }
}
