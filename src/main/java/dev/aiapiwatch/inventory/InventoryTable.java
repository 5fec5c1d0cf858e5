package dev.aiapiwatch.inventory;

/**
 * The Falcon Data Replicator tables that name hosts and users. {@link #keyPrefix()} starts the
 * message key of an entry on the Kafka topic, so that a compacted topic keeps the latest message
 * per aid or per SID.
 */
public enum InventoryTable {
    /** One entry per sensor: {@code aid} to {@code ComputerName} and {@code event_platform}. */
    AIDMASTER("aidmaster"),

    /** One entry per user: {@code UserSid} to {@code UserName}. */
    USERINFO("userinfo");

    private final String tableName;

    InventoryTable(String tableName) {
        this.tableName = tableName;
    }

    /** Returns the table's name as Falcon Data Replicator writes it, such as {@code aidmaster}. */
    public String tableName() {
        return tableName;
    }

    /** Returns the start of the message keys of this table, such as {@code aidmaster/}. */
    public String keyPrefix() {
        return tableName + "/";
    }
}
