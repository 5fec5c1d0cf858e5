package dev.aiapiwatch.process;

import static dev.aiapiwatch.testing.TestEvents.CHROME;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.MSHTA;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.event.ProcessStart;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessClassifierTest {

    private OneInputStreamOperatorTestHarness<ProcessStart, WatchedProcess> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamFlatMap<>(new ProcessClassifier(ProcessRules.builtIn())));
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void watchedToolIsClassified() throws Exception {
        ProcessStart mshta = start(MSHTA, "mshta.exe \"javascript:close()\"");
        mshta.parentBaseFileName = "WINWORD.EXE";
        mshta.computerName = "WIN-HR-12";

        harness.processElement(mshta, T0);

        List<WatchedProcess> watched = harness.extractOutputValues();
        assertThat(watched).hasSize(1);
        WatchedProcess process = watched.get(0);
        assertThat(process.processName).isEqualTo("mshta.exe");
        assertThat(process.category).isEqualTo(ProcessCategory.LOLBIN);
        assertThat(process.parentName).isEqualTo("WINWORD.EXE");
        assertThat(process.hostName).isEqualTo("WIN-HR-12");
        assertThat(process.executable).isEqualTo(MSHTA);
        assertThat(process.timestamp).isEqualTo(T0);
        assertThat(process.commandLineHadSecret).isFalse();
    }

    @Test
    void unwatchedProcessKeepsOnlyItsIdentity() throws Exception {
        ProcessStart chrome = start(CHROME, "chrome.exe --api-key=sk-abcdefghijklmnopqrstuvwx");
        chrome.userSid = "S-1-5-21-1-2-3-1001";
        harness.processElement(chrome, T0);
        harness.processElement(start(null, "no image"), T0);

        assertThat(harness.extractOutputValues())
                .hasSize(2)
                .allSatisfy(
                        process -> {
                            assertThat(process.watched()).isFalse();
                            assertThat(process.aid).isEqualTo(HOST_A);
                            assertThat(process.processId).isEqualTo("100");
                            assertThat(process.timestamp).isEqualTo(T0);
                            assertThat(process.processName).isNull();
                            assertThat(process.commandLine).isNull();
                            assertThat(process.userSid).isNull();
                        });
    }

    @Test
    void commandLineSecretIsRedacted() throws Exception {
        harness.processElement(
                start(
                        "/usr/bin/curl",
                        "curl -H 'x-api-key: sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv' https://api.anthropic.com"),
                T0);

        WatchedProcess process = harness.extractOutputValues().get(0);
        assertThat(process.commandLine)
                .isEqualTo("curl -H 'x-api-key: [REDACTED]' https://api.anthropic.com");
        assertThat(process.commandLineHadSecret).isTrue();
        assertThat(process.category).isEqualTo(ProcessCategory.CLI_TRANSFER);
    }

    private static ProcessStart start(String image, String commandLine) {
        ProcessStart start = new ProcessStart();
        start.aid = HOST_A;
        start.targetProcessId = "100";
        start.imageFileName = image;
        start.commandLine = commandLine;
        start.parentBaseFileName = "explorer.exe";
        start.timestamp = T0;
        return start;
    }
}
