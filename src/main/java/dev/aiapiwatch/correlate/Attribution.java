package dev.aiapiwatch.correlate;

/** The way a lookup was tied to the process that made it, written as {@code ai_api.attribution}. */
public enum Attribution {
    /** Joined to the start event of its process: every process field is known. */
    PROCESS("process"),

    /**
     * No start event of its process arrived within the join interval: the process name comes from
     * the lookup's own {@code ContextBaseFileName} when the sensor sends it, and nothing else about
     * the process is known.
     */
    UNATTRIBUTED("unattributed");

    private final String label;

    Attribution(String label) {
        this.label = label;
    }

    /** Returns the value written to records. */
    public String label() {
        return label;
    }
}
