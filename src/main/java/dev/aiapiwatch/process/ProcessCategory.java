package dev.aiapiwatch.process;

/**
 * Categories of watched processes with the risk weight of the reference hunting query: a
 * living-off-the-land binary reaching an AI API is the most suspicious, a general runtime the
 * least.
 */
public enum ProcessCategory {
    LOLBIN("LOLBin", 3),
    SCRIPT_RUNTIME("ScriptRuntime", 2),
    CLI_TRANSFER("CLI_Transfer", 1),
    RUNTIME("Runtime", 0),

    /**
     * An unattributed lookup whose process name is unknown: no start event arrived and the lookup
     * named no process. Never the result of a process rule.
     */
    UNKNOWN("Unknown", 0);

    private final String label;
    private final int weight;

    ProcessCategory(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    /** Returns the category whose {@link #label()} is {@code label}, or {@link #UNKNOWN}. */
    public static ProcessCategory ofLabel(String label) {
        for (ProcessCategory category : values()) {
            if (category.label.equals(label)) {
                return category;
            }
        }
        return UNKNOWN;
    }

    /** Returns the name written to risk records, as the reference query spells it. */
    public String label() {
        return label;
    }

    /** Risk weight from 0 to 3. */
    public int weight() {
        return weight;
    }
}
