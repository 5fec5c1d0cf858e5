package dev.aiapiwatch.inventory;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.OTHER_USER_SID;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserNameFillTest {

    private KeyedTwoInputStreamOperatorTestHarness<
                    Tuple2<Long, Long>, AttributedLookup, InventoryEntry, AttributedLookup>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new UserNameFill(),
                        InventoryKeys::ofUser,
                        InventoryKeys::ofEntry,
                        HashedKey.TYPE);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void knownNameEmittedAtOnce() throws Exception {
        harness.processElement2(user(USER_SID, "CORP\\alex"), T0);
        AttributedLookup lookup = windowsLookup(USER_SID, T0_PLUS_1S);

        harness.processElement1(lookup, T0_PLUS_1S);

        List<AttributedLookup> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).process.userName).isEqualTo("CORP\\alex");
        assertThat(out.get(0).process.userSid).isEqualTo(USER_SID);
        assertThat(out.get(0).process.processName).isEqualTo("powershell.exe");
        assertThat(lookup.process.userName).isNull();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void unknownHeldUntilWatermark() throws Exception {
        harness.processElement1(windowsLookup(USER_SID, T0_PLUS_1S), T0_PLUS_1S);
        harness.processElement1(windowsLookup(USER_SID, T0_PLUS_30S), T0_PLUS_30S);

        harness.processBothWatermarks(new Watermark(T0_PLUS_1S));
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.lookup.timestamp)
                .containsExactly(T0_PLUS_1S);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(T0_PLUS_30S));
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.lookup.timestamp)
                .containsExactly(T0_PLUS_1S, T0_PLUS_30S);
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.process.userName)
                .containsOnlyNulls();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void entryArrivingLaterReleasesHeld() throws Exception {
        harness.processElement1(windowsLookup(USER_SID, T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement1(windowsLookup(OTHER_USER_SID, T0_PLUS_30S), T0_PLUS_30S);

        harness.processElement2(user(USER_SID, "CORP\\alex"), T0);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        attributed -> {
                            assertThat(attributed.process.userSid).isEqualTo(USER_SID);
                            assertThat(attributed.process.userName).isEqualTo("CORP\\alex");
                        });

        harness.processBothWatermarks(new Watermark(T0_PLUS_10M));
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.process.userSid)
                .containsExactly(USER_SID, OTHER_USER_SID);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void linuxUserNamePassesUnchanged() throws Exception {
        AttributedLookup linux = NameFills.lookup(HOST_A, T0_PLUS_1S);
        linux.process.userName = "alex";

        harness.processElement1(linux, T0_PLUS_1S);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        attributed -> {
                            assertThat(attributed.process.userName).isEqualTo("alex");
                            assertThat(attributed.process.userSid).isNull();
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lookupWithoutSidOrNameNotHeld() throws Exception {
        AttributedLookup anonymous = NameFills.lookup(HOST_A, T0_PLUS_1S);

        harness.processElement1(anonymous, T0_PLUS_1S);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        attributed -> {
                            assertThat(attributed.process.userName).isNull();
                            assertThat(attributed.lookup.timestamp).isEqualTo(T0_PLUS_1S);
                        });
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void removalForgetsEntry() throws Exception {
        harness.processElement2(user(USER_SID, "CORP\\alex"), T0);
        harness.processElement2(InventoryEntry.removal(InventoryTable.USERINFO, USER_SID), T0);

        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.processElement1(windowsLookup(USER_SID, T0_PLUS_1S), T0_PLUS_1S);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new Watermark(T0_PLUS_1S));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(attributed -> assertThat(attributed.process.userName).isNull());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static AttributedLookup windowsLookup(String userSid, long timestamp) {
        AttributedLookup lookup = NameFills.lookup(HOST_A, timestamp);
        lookup.process.userSid = userSid;
        return lookup;
    }

    private static InventoryEntry user(String userSid, String userName) {
        return InventoryEntry.of(InventoryTable.USERINFO, userSid, userName, null);
    }
}
