package dev.aiapiwatch.event;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Type information for {@link DnsLookup}, with a serializer that writes the fields in a fixed
 * order. Every DNS lookup, about one event in eight, crosses from the source task to the watch-list
 * operator. Flink's POJO serializer spent much of that crossing on reflection and wrote strings a
 * char at a time. The type is not kept in keyed state.
 */
public final class DnsLookupTypeInfo extends TypeInformation<DnsLookup> {

    private static final long serialVersionUID = 1L;

    public static final DnsLookupTypeInfo INSTANCE = new DnsLookupTypeInfo();

    /** Number of fields of {@link DnsLookup}. */
    private static final int FIELDS = 9;

    /** Lets Flink's type extraction find this type information through {@code @TypeInfo}. */
    public static final class Factory extends TypeInfoFactory<DnsLookup> {
        @Override
        public TypeInformation<DnsLookup> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return FIELDS;
    }

    @Override
    public int getTotalFields() {
        return FIELDS;
    }

    @Override
    public Class<DnsLookup> getTypeClass() {
        return DnsLookup.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public Serializer createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "DnsLookup";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsLookupTypeInfo;
    }

    @Override
    public int hashCode() {
        return DnsLookupTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof DnsLookupTypeInfo;
    }

    /**
     * Writes the eight string fields, then the timestamp. A change to the fields, their order or
     * their encoding needs a new snapshot version.
     */
    public static final class Serializer extends TypeSerializerSingleton<DnsLookup> {

        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        /** Length written for a null string. */
        private static final int NULL_TEXT = -1;

        /** Length written before a string in Flink's encoding: one with other chars than ASCII. */
        private static final int OTHER_TEXT = -2;

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public DnsLookup createInstance() {
            return new DnsLookup();
        }

        @Override
        public DnsLookup copy(DnsLookup from) {
            return copy(from, new DnsLookup());
        }

        @Override
        public DnsLookup copy(DnsLookup from, DnsLookup reuse) {
            reuse.aid = from.aid;
            reuse.contextProcessId = from.contextProcessId;
            reuse.domainName = from.domainName;
            reuse.requestType = from.requestType;
            reuse.ip4Records = from.ip4Records;
            reuse.contextBaseFileName = from.contextBaseFileName;
            reuse.platform = from.platform;
            reuse.eventId = from.eventId;
            reuse.timestamp = from.timestamp;
            return reuse;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(DnsLookup record, DataOutputView target) throws IOException {
            writeText(record.aid, target);
            writeText(record.contextProcessId, target);
            writeText(record.domainName, target);
            writeText(record.requestType, target);
            writeText(record.ip4Records, target);
            writeText(record.contextBaseFileName, target);
            writeText(record.platform, target);
            writeText(record.eventId, target);
            target.writeLong(record.timestamp);
        }

        @Override
        public DnsLookup deserialize(DataInputView source) throws IOException {
            return deserialize(new DnsLookup(), source);
        }

        @Override
        public DnsLookup deserialize(DnsLookup reuse, DataInputView source) throws IOException {
            reuse.aid = readText(source);
            reuse.contextProcessId = readText(source);
            reuse.domainName = readText(source);
            reuse.requestType = readText(source);
            reuse.ip4Records = readText(source);
            reuse.contextBaseFileName = readText(source);
            reuse.platform = readText(source);
            reuse.eventId = readText(source);
            reuse.timestamp = source.readLong();
            return reuse;
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            for (int field = 0; field < FIELDS - 1; field++) {
                copyText(source, target);
            }
            target.writeLong(source.readLong());
        }

        /**
         * Writes an ASCII string without '?' as its length and bytes, the common case and the
         * cheapest to encode and decode. Any other string goes through Flink's string encoding,
         * which keeps every char, unpaired surrogates included.
         */
        private static void writeText(String value, DataOutputView target) throws IOException {
            if (value == null) {
                target.writeInt(NULL_TEXT);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == value.length() && !containsQuestionMark(bytes)) {
                target.writeInt(bytes.length);
                target.write(bytes);
            } else {
                target.writeInt(OTHER_TEXT);
                StringValue.writeString(value, target);
            }
        }

        /**
         * Checks for '?', which is also what the encoder writes for an unpaired surrogate: a string
         * with one could be other text of the same length in bytes.
         */
        private static boolean containsQuestionMark(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '?') {
                    return true;
                }
            }
            return false;
        }

        private static String readText(DataInputView source) throws IOException {
            int length = source.readInt();
            if (length == NULL_TEXT) {
                return null;
            }
            if (length == OTHER_TEXT) {
                return StringValue.readString(source);
            }
            byte[] bytes = new byte[length];
            source.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static void copyText(DataInputView source, DataOutputView target)
                throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            if (length == OTHER_TEXT) {
                StringValue.copyString(source, target);
            } else if (length > 0) {
                target.write(source, length);
            }
        }

        @Override
        public TypeSerializerSnapshot<DnsLookup> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer's snapshot: the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DnsLookup> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
