package dev.aiapiwatch.risk;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_2H;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordIdsTest {

    /** A python.exe started by explorer.exe that looked up api.openai.com. */
    private static AttributedLookup pythonLookup() {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "1001";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        WatchedProcess process = new WatchedProcess();
        process.aid = HOST_A;
        process.processId = "1001";
        process.processName = "python.exe";
        process.parentName = "explorer.exe";
        process.userSid = USER_SID;
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        return new AttributedLookup(lookup, process);
    }

    private static String idOf(AttributedLookup attributed) {
        return RecordIds.of(RiskGroupKey.of(attributed), T0, T0_PLUS_1H);
    }

    @Test
    void idIsDeterministic() {
        assertThat(idOf(pythonLookup())).isEqualTo(idOf(pythonLookup()));
    }

    @Test
    void idIs32HexDigits() {
        assertThat(idOf(pythonLookup())).matches("[0-9a-f]{32}");
    }

    static Stream<Arguments> groupChanges() {
        return Stream.of(
                Arguments.of("host", (Consumer<AttributedLookup>) a -> a.lookup.aid = HOST_B),
                Arguments.of(
                        "user SID",
                        (Consumer<AttributedLookup>) a -> a.process.userSid = "S-1-5-18"),
                Arguments.of(
                        "user name without SID",
                        (Consumer<AttributedLookup>)
                                a -> {
                                    a.process.userSid = null;
                                    a.process.userName = "alex";
                                }),
                Arguments.of(
                        "process name",
                        (Consumer<AttributedLookup>) a -> a.process.processName = "pythonw.exe"),
                Arguments.of(
                        "category",
                        (Consumer<AttributedLookup>)
                                a -> a.process.category = ProcessCategory.RUNTIME),
                Arguments.of(
                        "domain",
                        (Consumer<AttributedLookup>) a -> a.lookup.domain = "api.anthropic.com"),
                Arguments.of(
                        "parent name",
                        (Consumer<AttributedLookup>) a -> a.process.parentName = "cmd.exe"),
                Arguments.of(
                        "no parent name",
                        (Consumer<AttributedLookup>) a -> a.process.parentName = null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupChanges")
    void groupPartChangesId(String part, Consumer<AttributedLookup> change) {
        AttributedLookup changed = pythonLookup();
        change.accept(changed);

        assertThat(idOf(changed)).isNotEqualTo(idOf(pythonLookup()));
    }

    @Test
    void windowChangesId() {
        Tuple2<Long, Long> groupKey = RiskGroupKey.of(pythonLookup());
        String id = RecordIds.of(groupKey, T0, T0_PLUS_1H);

        assertThat(RecordIds.of(groupKey, T0_PLUS_1H, T0_PLUS_2H)).isNotEqualTo(id);
        assertThat(RecordIds.of(groupKey, T0, T0_PLUS_2H)).isNotEqualTo(id);
    }

    @Test
    void windowBoundsSeparated() {
        // Written as digits without a separator, start 1 and end 23 would read as 12 and 3.
        Tuple2<Long, Long> group = HashedKey.of("group");

        assertThat(RecordIds.of(group, 1, 23)).isNotEqualTo(RecordIds.of(group, 12, 3));
    }

    @Test
    void processNameCaseKeepsId() {
        // The group compares process names case-insensitively, as Windows does.
        AttributedLookup upper = pythonLookup();
        upper.process.processName = "Python.EXE";

        assertThat(idOf(upper)).isEqualTo(idOf(pythonLookup()));
    }
}
