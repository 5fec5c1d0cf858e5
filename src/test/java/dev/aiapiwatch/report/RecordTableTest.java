package dev.aiapiwatch.report;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.risk.RiskRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordTableTest {

    @TempDir Path directory;

    private static RiskRecord record(String id, String processName, int weight, long lookups) {
        return record(id, processName, 10 + 15 * weight, weight, lookups);
    }

    private static RiskRecord record(
            String id, String processName, int score, int weight, long lookups) {
        RiskRecord record = new RiskRecord();
        record.riskScore = score;
        record.attribution = "process";
        record.id = id;
        record.firstSeen = T0;
        record.lastSeen = T0;
        record.hostId = HOST_A;
        record.processName = processName;
        record.domain = "api.openai.com";
        record.provider = "OpenAI";
        record.processCategory = "LOLBin";
        record.riskWeight = weight;
        record.dnsQueryCount = lookups;
        record.commandLineSamples = new String[0];
        record.windowStart = T0;
        record.windowEnd = T0_PLUS_1H;
        return record;
    }

    private Path writeRecords(RiskRecord... records) throws IOException {
        StringBuilder text = new StringBuilder();
        for (RiskRecord record : records) {
            text.append(RiskRecordJson.toJson(record)).append('\n');
        }
        Path file = directory.resolve("records.ndjson");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> print(RecordTable table, int limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), limit);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The data rows of a printed table: after the title and the header row. */
    private static List<String> rows(List<String> printed) {
        return printed.subList(2, printed.size());
    }

    @Test
    void lastLineOfIdWins() throws IOException {
        Path file =
                writeRecords(
                        record("a", "mshta.exe", 3, 2),
                        record("b", "python.exe", 2, 5),
                        record("a", "mshta.exe", 3, 9));

        RecordTable table = RecordTable.read(file);
        List<String> rows = rows(print(table, 10));

        assertThat(table.size()).isEqualTo(2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).split("\\s+")[2]).as("lookups of record a").isEqualTo("9");
    }

    @Test
    void orderedByWeightThenLookups() throws IOException {
        Path file =
                writeRecords(
                        record("1", "python.exe", 2, 50),
                        record("2", "mshta.exe", 3, 7),
                        record("3", "curl.exe", 1, 500),
                        record("4", "rundll32.exe", 3, 9));

        List<String> rows = rows(print(RecordTable.read(file), 10));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains("rundll32.exe");
        assertThat(rows.get(1)).contains("mshta.exe");
        assertThat(rows.get(2)).contains("python.exe");
        assertThat(rows.get(3)).contains("curl.exe");
    }

    @Test
    void orderedByScoreFirst() throws IOException {
        Path file =
                writeRecords(
                        record("1", "mshta.exe", 55, 3, 9),
                        record("2", "python.exe", 80, 2, 1),
                        record("3", "curl.exe", 55, 1, 1));

        List<String> rows = rows(print(RecordTable.read(file), 10));

        assertThat(rows.get(0)).startsWith("80 ").contains("python.exe");
        assertThat(rows.get(1)).contains("mshta.exe");
        assertThat(rows.get(2)).contains("curl.exe");
    }

    @Test
    void unattributedRecordMarked() throws IOException {
        RiskRecord named = record("1", "pwsh.exe", 2, 1);
        named.attribution = "unattributed";
        RiskRecord nameless = record("2", null, 0, 1);
        nameless.attribution = "unattributed";
        nameless.processCategory = "Unknown";
        Path file = writeRecords(named, nameless);

        List<String> rows = rows(print(RecordTable.read(file), 10));

        assertThat(rows.get(0)).contains("pwsh.exe ?");
        assertThat(rows.get(1).split("\\s+")[5]).isEqualTo("?");
    }

    @Test
    void printLimitedToTop() throws IOException {
        Path file =
                writeRecords(
                        record("1", "python.exe", 2, 50),
                        record("2", "mshta.exe", 3, 7),
                        record("3", "curl.exe", 1, 500));

        List<String> printed = print(RecordTable.read(file), 1);

        assertThat(printed.get(0)).contains("1 of 3");
        assertThat(rows(printed)).hasSize(1);
        assertThat(rows(printed).get(0)).contains("mshta.exe");
    }

    @Test
    void hostIdShownWithoutHostName() throws IOException {
        Path file = writeRecords(record("1", "mshta.exe", 3, 1));

        List<String> rows = rows(print(RecordTable.read(file), 10));

        assertThat(rows.get(0)).contains(HOST_A);
    }

    @Test
    void longSidsKeepTheirEnds() throws IOException {
        RiskRecord first = record("1", "mshta.exe", 3, 1);
        first.userId = "S-1-5-21-3623811015-3361044348-30300820-1013";
        RiskRecord second = record("2", "mshta.exe", 3, 1);
        second.userId = "S-1-5-21-3623811015-3361044348-30300820-1042";
        Path file = writeRecords(first, second);

        List<String> rows = rows(print(RecordTable.read(file), 10));

        assertThat(rows).anyMatch(row -> row.contains("S-1-5-21-3623811...348-30300820-1013"));
        assertThat(rows).anyMatch(row -> row.contains("S-1-5-21-3623811...348-30300820-1042"));
    }

    @Test
    void cellsCutInMiddle() {
        String longest = "a".repeat(36);

        assertThat(RecordTable.cell(longest)).isEqualTo(longest);
        assertThat(RecordTable.cell(longest + "b")).hasSize(36).startsWith("aaa").endsWith("ab");
        assertThat(RecordTable.cell("bedrock-runtime.eu-central-1.us-east-1.amazonaws.com"))
                .isEqualTo("bedrock-runtime...t-1.amazonaws.com");
    }

    @Test
    void blankLinesSkipped() throws IOException {
        Path file = directory.resolve("records.ndjson");
        String line = RiskRecordJson.toJson(record("1", "mshta.exe", 3, 1));
        Files.writeString(file, "\n" + line + "\n\n   \n", StandardCharsets.UTF_8);

        assertThat(RecordTable.read(file).size()).isEqualTo(1);
    }

    @Test
    void emptyFilePrintsNoRecords() throws IOException {
        Path file = Files.createFile(directory.resolve("records.ndjson"));

        List<String> printed = print(RecordTable.read(file), 10);

        assertThat(printed).containsExactly("No risk records.");
    }
}
