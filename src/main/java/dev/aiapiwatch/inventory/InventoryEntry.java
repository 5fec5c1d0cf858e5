package dev.aiapiwatch.inventory;

import dev.aiapiwatch.event.DeadLetter;

/**
 * One line of the {@code aidmaster} or {@code userinfo} table, or the removal of an entry (a
 * tombstone on the Kafka topic), or a line that could not be used. {@link #deadLetter} is set
 * exactly for unusable lines; the other fields are then null.
 */
public class InventoryEntry {

    /** The table of the entry, determined by its fields. */
    public InventoryTable table;

    /** The {@code aid} of an aidmaster entry or the {@code UserSid} of a userinfo entry. */
    public String id;

    /** {@code ComputerName} or {@code UserName}; null for a removal. */
    public String name;

    /** {@code event_platform} of an aidmaster entry ({@code Win}, {@code Lin}, {@code Mac}). */
    public String platform;

    /** Whether this entry removes the entry of {@link #id} instead of setting it. */
    public boolean removed;

    public DeadLetter deadLetter;

    public InventoryEntry() {}

    public static InventoryEntry of(InventoryTable table, String id, String name, String platform) {
        InventoryEntry entry = new InventoryEntry();
        entry.table = table;
        entry.id = id;
        entry.name = name;
        entry.platform = platform;
        return entry;
    }

    public static InventoryEntry removal(InventoryTable table, String id) {
        InventoryEntry entry = new InventoryEntry();
        entry.table = table;
        entry.id = id;
        entry.removed = true;
        return entry;
    }

    public static InventoryEntry rejected(DeadLetter deadLetter) {
        InventoryEntry entry = new InventoryEntry();
        entry.deadLetter = deadLetter;
        return entry;
    }

    @Override
    public String toString() {
        if (deadLetter != null) {
            return "rejected entry: " + deadLetter.message;
        }
        String kind = table == null ? "?" : table.tableName();
        return removed ? "removal of " + kind + "/" + id : kind + "/" + id + " = " + name;
    }
}
