package dev.aiapiwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DnsLookupTypeInfoTest {

    private final DnsLookupTypeInfo.Serializer serializer = DnsLookupTypeInfo.Serializer.INSTANCE;

    /** Returns a lookup with a distinct value in every field, found by reflection. */
    private static DnsLookup everyFieldSet() throws IllegalAccessException {
        DnsLookup lookup = new DnsLookup();
        for (Field field : instanceFields()) {
            if (field.getType() == String.class) {
                field.set(lookup, "value of " + field.getName() + " \u00e9\u4e2d");
            } else {
                field.setLong(lookup, 1_796_032_800_123L);
            }
        }
        return lookup;
    }

    private static List<Field> instanceFields() {
        return Arrays.stream(DnsLookup.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .toList();
    }

    private DnsLookup roundTrip(DnsLookup lookup) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(lookup, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void typeExtractionFindsTheTypeInfo() {
        assertThat(TypeInformation.of(DnsLookup.class)).isSameAs(DnsLookupTypeInfo.INSTANCE);
        assertThat(DnsLookupTypeInfo.INSTANCE.getArity()).isEqualTo(instanceFields().size());
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        DnsLookup lookup = everyFieldSet();

        DnsLookup copy = roundTrip(lookup);

        for (Field field : instanceFields()) {
            assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(lookup));
        }
    }

    @Test
    void roundTripKeepsNulls() throws Exception {
        DnsLookup lookup = new DnsLookup();
        lookup.aid = "0ab1";
        lookup.domainName = "api.openai.com";

        DnsLookup copy = roundTrip(lookup);

        assertThat(copy.aid).isEqualTo("0ab1");
        assertThat(copy.domainName).isEqualTo("api.openai.com");
        assertThat(copy.contextProcessId).isNull();
        assertThat(copy.ip4Records).isNull();
        assertThat(copy.eventId).isNull();
        assertThat(copy.timestamp).isZero();
    }

    @Test
    void roundTripKeepsEmptyAndUnusualText() throws Exception {
        DnsLookup lookup = new DnsLookup();
        lookup.aid = "";
        lookup.domainName = "bad\ud800.example";
        lookup.contextBaseFileName = "caf\u00e9.exe";
        lookup.platform = "Win";
        lookup.eventId = "what?";

        DnsLookup copy = roundTrip(lookup);

        assertThat(copy.aid).isEmpty();
        assertThat(copy.domainName).isEqualTo("bad\ud800.example");
        assertThat(copy.contextBaseFileName).isEqualTo("caf\u00e9.exe");
        assertThat(copy.platform).isEqualTo("Win");
        assertThat(copy.eventId).isEqualTo("what?");
    }

    @Test
    void copyKeepsEveryField() throws Exception {
        DnsLookup lookup = everyFieldSet();

        DnsLookup copy = serializer.copy(lookup);
        DnsLookup reused = serializer.copy(lookup, new DnsLookup());

        assertThat(copy).isNotSameAs(lookup);
        for (Field field : instanceFields()) {
            assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(lookup));
            assertThat(field.get(reused)).as(field.getName()).isEqualTo(field.get(lookup));
        }
    }

    @Test
    void copyBetweenViewsGivesTheSameBytes() throws Exception {
        DataOutputSerializer original = new DataOutputSerializer(64);
        serializer.serialize(everyFieldSet(), original);
        serializer.serialize(new DnsLookup(), original);

        DataInputDeserializer source = new DataInputDeserializer(original.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(source, copied);
        serializer.copy(source, copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    }

    @Test
    void snapshotRestoresCompatibleSerializer() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<DnsLookup> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<DnsLookup> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);

        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }
}
