package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.watchlist.WatchlistFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobOptionsTest {

    @TempDir Path directory;

    /** Parses {@code args} with the output in the temporary directory. */
    private JobOptions parse(String... args) throws InvalidOptionException {
        String[] withOutput = new String[args.length + 2];
        withOutput[0] = JobOptions.OUTPUT;
        withOutput[1] = directory.resolve("records.ndjson").toString();
        System.arraycopy(args, 0, withOutput, 2, args.length);
        return JobOptions.parse(withOutput);
    }

    @Test
    void defaultsWithoutArguments() throws InvalidOptionException {
        JobOptions options = JobOptions.parse(new String[0]);

        assertThat(options.helpRequested()).isFalse();
        assertThat(options.inputs()).isEmpty();
        assertThat(options.output()).isEqualTo(Path.of("target/ai-api-watch/risk-records.ndjson"));
        assertThat(options.deadLetters())
                .isEqualTo(Path.of("target/ai-api-watch/risk-records.dead-letters.ndjson"));
        assertThat(options.window()).isEqualTo(Duration.ofHours(1));
        assertThat(options.lookback()).isEqualTo(Duration.ofDays(1));
        assertThat(options.maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.watchlistFile()).isNull();
        assertThat(options.watchlist().version).isEqualTo(WatchlistFile.builtIn().version);
        assertThat(options.parallelism()).isZero();
        assertThat(options.maxLineLength()).isEqualTo(1024 * 1024);
        assertThat(options.top()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({
        "records.ndjson,  records.dead-letters.ndjson",
        "records,         records.dead-letters.ndjson",
        "records.json,    records.dead-letters.ndjson",
        "records.jsonl,   records.dead-letters.ndjson",
    })
    void deadLettersNextToOutput(String outputName, String deadLettersName)
            throws InvalidOptionException {
        Path output = directory.resolve("run").resolve(outputName);

        JobOptions options = JobOptions.parse(new String[] {"--output", output.toString()});

        assertThat(options.deadLetters()).isEqualTo(output.resolveSibling(deadLettersName));
    }

    @Test
    void detectionSettingsCarryOptions() throws InvalidOptionException {
        JobOptions options =
                parse("--window", "15m", "--lookback", "PT12H", "--max-out-of-orderness", "0s");

        DetectionSettings settings = options.detectionSettings();

        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.lookback()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.maxOutOfOrderness()).isEqualTo(Duration.ZERO);
        assertThat(settings.watchlist()).isSameAs(options.watchlist());
    }

    @Test
    void inputsKeptInOrder() throws IOException, InvalidOptionException {
        Path first = Files.createFile(directory.resolve("b.ndjson"));
        Path second = Files.createDirectory(directory.resolve("a-dir"));
        Files.createFile(second.resolve("events.ndjson"));

        JobOptions options = parse("--input", first.toString(), "--input", second.toString());

        assertThat(options.inputs()).containsExactly(first, second);
    }

    @Test
    void helpSkipsValidation() throws InvalidOptionException {
        JobOptions options = JobOptions.parse(new String[] {"--window", "0s", "--help"});

        assertThat(options.helpRequested()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "--window,               0s",
        "--window,               abc",
        "--window,               -1h",
        "--lookback,             -1h",
        "--lookback,             0s",
        "--lookback,             PT-1H",
        "--idle-timeout,         0s",
        "--max-out-of-orderness, xyz",
        "--max-out-of-orderness, -5m",
        "--confirm-within,       0s",
        "--confirm-within,       -2m",
        "--confirm-within,       soon",
    })
    void invalidDurationNamesOptionValueForm(String option, String value) {
        assertThatThrownBy(() -> parse(option, value))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + value + "' for " + option)
                .hasMessageContaining(Durations.ACCEPTED_FORMS);
    }

    @Test
    void zeroOutOfOrdernessAccepted() throws InvalidOptionException {
        assertThat(parse("--max-out-of-orderness", "0s").maxOutOfOrderness()).isZero();
    }

    @Test
    void outOfOrdernessMessageAllowsZero() {
        assertThatThrownBy(() -> parse("--max-out-of-orderness", "xyz"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("zero or a positive");
    }

    @Test
    void durationMessageReadsAsSentence() {
        assertThatThrownBy(() -> parse("--window", "0s"))
                .isInstanceOf(InvalidOptionException.class)
                .message()
                .doesNotContain("positive a duration");
    }

    @Test
    void missingInputRejected() {
        String missing = directory.resolve("does/not/exist").toString();

        assertThatThrownBy(() -> parse("--input", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + missing + "' for --input")
                .hasMessageContaining("an existing file or directory");
    }

    @Test
    void inputDirectoryWithoutTelemetryRejected() throws IOException {
        Path input = Files.createDirectories(directory.resolve("input"));
        Files.writeString(input.resolve("README.md"), "# notes\n");
        Files.writeString(input.resolve(".partial.ndjson"), "{}\n");
        Files.createDirectories(input.resolve("_staging"));
        Files.writeString(input.resolve("_staging/events.ndjson"), "{}\n");

        assertThatThrownBy(() -> parse("--input", input.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + input + "' for --input")
                .hasMessageContaining("at least one .ndjson, .jsonl, .json, .log or .gz file");
    }

    @Test
    void inputDirectoryWithNestedTelemetryAccepted() throws IOException, InvalidOptionException {
        Path input = Files.createDirectories(directory.resolve("input/2026/12/04"));
        Files.writeString(input.resolve("part-1.ndjson.gz"), "");

        JobOptions options = parse("--input", directory.resolve("input").toString());

        assertThat(options.inputs()).containsExactly(directory.resolve("input"));
    }

    @Test
    void outputDirectoryRejected() {
        String output = directory.toString();

        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--output", output}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + output + "' for --output")
                .hasMessageContaining("a file path");
    }

    @Test
    void deadLettersDirectoryRejected() {
        String deadLetters = directory.toString();

        assertThatThrownBy(() -> parse("--dead-letters", deadLetters))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + deadLetters + "' for --dead-letters")
                .hasMessageContaining("a file path");
    }

    @ParameterizedTest
    @CsvSource({
        "--parallelism,     0",
        "--parallelism,     -2",
        "--parallelism,     two",
        "--parallelism,     1.5",
        "--parallelism,     99999999999",
        "--max-line-length, 0",
    })
    void invalidCountNamesOptionValueForm(String option, String value) {
        assertThatThrownBy(() -> parse(option, value))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + value + "' for " + option)
                .hasMessageContaining("a positive whole number");
    }

    @Test
    void negativeTopRejected() {
        assertThatThrownBy(() -> parse("--top", "-1"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '-1' for --top")
                .hasMessageContaining("zero or a positive whole number");
    }

    @Test
    void zeroTopAccepted() throws InvalidOptionException {
        assertThat(parse("--top", "0").top()).isZero();
    }

    @Test
    void countOptionsParsed() throws InvalidOptionException {
        JobOptions options =
                parse("--parallelism", "4", "--max-line-length", "4096", "--top", " 5 ");

        assertThat(options.parallelism()).isEqualTo(4);
        assertThat(options.maxLineLength()).isEqualTo(4096);
        assertThat(options.top()).isEqualTo(5);
    }

    @Test
    void watchlistFileRead() throws IOException, InvalidOptionException {
        Path file = directory.resolve("watchlist.csv");
        Files.writeString(file, "api.openai.com,OpenAI\n*.openai.azure.com,Azure OpenAI\n");

        JobOptions options = parse("--watchlist", file.toString());

        assertThat(options.watchlistFile()).isEqualTo(file);
        assertThat(options.watchlist().size()).isEqualTo(2);
    }

    @Test
    void badWatchlistPatternNamesFileLine() throws IOException {
        Path file = directory.resolve("watchlist.csv");
        Files.writeString(file, "api.openai.com,OpenAI\n*.com,Everything\n");

        assertThatThrownBy(() -> parse("--watchlist", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--watchlist")
                .hasMessageContaining(file + " line 2")
                .hasMessageContaining("'*.com'");
    }

    @Test
    void missingWatchlistFileRejected() {
        String missing = directory.resolve("missing.csv").toString();

        assertThatThrownBy(() -> parse("--watchlist", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + missing + "' for --watchlist")
                .hasMessageContaining("an existing file");
    }

    @Test
    void allowlistFileRead() throws IOException, InvalidOptionException {
        Path file = directory.resolve("allowlist.json");
        Files.writeString(
                file,
                "{\"entries\": [{\"id\": \"ds-python\", \"owner\": \"ds@example.com\","
                        + " \"expires\": \"2027-03-31\", \"match\": {\"processName\":"
                        + " \"python.exe\"}}]}");

        JobOptions options = parse("--allowlist", file.toString());

        assertThat(options.allowlistFile()).isEqualTo(file);
        assertThat(options.allowlist().size()).isEqualTo(1);
        assertThat(options.detectionSettings().allowlist()).isSameAs(options.allowlist());
    }

    @Test
    void allowlistDefaultsEmpty() throws InvalidOptionException {
        DetectionSettings settings = parse().detectionSettings();

        assertThat(settings.allowlist().size()).isZero();
        assertThat(settings.allowlistSummaryInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void invalidAllowlistNamesOptionFileEntry() throws IOException {
        Path file = directory.resolve("allowlist.json");
        Files.writeString(
                file,
                "{\"entries\": [{\"id\": \"ds-python\", \"owner\": \"ds@example.com\","
                        + " \"match\": {\"processName\": \"python.exe\"}}]}");

        assertThatThrownBy(() -> parse("--allowlist", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith(
                        "Invalid allowlist for --allowlist: "
                                + file
                                + ": entries[0] (id 'ds-python'): missing \"expires\"; give a"
                                + " date such as \"2027-03-31\"");
    }

    @Test
    void missingAllowlistFileRejected() {
        String missing = directory.resolve("missing.json").toString();

        assertThatThrownBy(() -> parse("--allowlist", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + missing + "' for --allowlist")
                .hasMessageContaining("an existing file");
    }

    @Test
    void allowlistSummaryIntervalParsed() throws InvalidOptionException {
        assertThat(
                        parse("--allowlist-summary-interval", "1h")
                                .detectionSettings()
                                .allowlistSummaryInterval())
                .isEqualTo(Duration.ofHours(1));
        assertThat(
                        parse("--allowlist-summary-interval", "0s")
                                .detectionSettings()
                                .allowlistSummaryInterval())
                .isZero();
        assertThatThrownBy(() -> parse("--allowlist-summary-interval", "-5m"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --allowlist-summary-interval");
    }

    @Test
    void deadLettersEqualToOutputRejected() {
        String output = directory.resolve("records.ndjson").toString();

        assertThatThrownBy(() -> parse("--dead-letters", output))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + output + "' for --dead-letters")
                .hasMessageContaining("a path other than --output");
    }

    @Test
    void deadLettersDotPathRejected() {
        String sameFile = directory.resolve(".").resolve("records.ndjson").toString();

        assertThatThrownBy(() -> parse("--dead-letters", sameFile))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("a path other than --output");
    }

    @Test
    void helpTextListsEveryOption() {
        String help = JobOptions.helpText();

        for (OptionSpec spec : JobOptions.SPECS) {
            assertThat(help).contains("  " + spec.name());
        }
    }

    @Test
    void outputEqualToInputRejected() throws IOException {
        Path input = Files.writeString(directory.resolve("records.ndjson"), "{}\n");

        assertThatThrownBy(() -> parse("--input", input.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --output")
                .hasMessageContaining("a path outside the inputs");
    }

    @Test
    void outputInsideInputDirectoryRejected() throws IOException {
        Files.writeString(directory.resolve("events.ndjson"), "{}\n");

        assertThatThrownBy(() -> parse("--input", directory.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --output")
                .hasMessageContaining("is read as input");
    }

    @Test
    void repeatedInputReadOnce() throws IOException, InvalidOptionException {
        Path input = Files.writeString(directory.resolve("events.ndjson"), "{}\n");
        String sameFile = input.getParent().resolve(".").resolve(input.getFileName()).toString();

        JobOptions options = parse("--input", input.toString(), "--input", sameFile);

        assertThat(options.inputs()).containsExactly(input);
    }

    @Test
    void outputOnSampleCopyRejected() {
        String sampleCopy = directory.resolve("falcon-sample.ndjson").toString();

        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--output", sampleCopy}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + sampleCopy + "' for --output")
                .hasMessageContaining("a path outside the inputs");
    }

    @Test
    void confirmDefaultsToTwoMinutesAnyPort() throws InvalidOptionException {
        ConfirmSettings confirm = parse().detectionSettings().confirm();

        assertThat(confirm.within()).isEqualTo(Duration.ofMinutes(2));
        assertThat(confirm.remotePorts()).isEmpty();
        assertThat(confirm.allowsPort(8443)).isTrue();
    }

    @Test
    void confirmOptionsParsed() throws InvalidOptionException {
        ConfirmSettings confirm =
                parse("--confirm-within", "90s", "--confirm-ports", "443, 8443,443")
                        .detectionSettings()
                        .confirm();

        assertThat(confirm.within()).isEqualTo(Duration.ofSeconds(90));
        assertThat(confirm.remotePorts()).containsExactlyInAnyOrder(443, 8443);
        assertThat(confirm.allowsPort(443)).isTrue();
        assertThat(confirm.allowsPort(80)).isFalse();
        assertThat(confirm.describePorts()).isEqualTo("443,8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-443", "443,", "https", "443;8443", "", " "})
    void invalidConfirmPortsRejected(String value) {
        assertThatThrownBy(() -> parse("--confirm-ports", value))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Invalid value '"
                                + value
                                + "' for --confirm-ports: expected port numbers from 1 to 65535,"
                                + " separated by commas, such as 443,8443.");
    }

    @Test
    void confirmPortsAcceptsLimits() throws InvalidOptionException {
        assertThat(parse("--confirm-ports", "1,65535").detectionSettings().confirm().remotePorts())
                .containsExactlyInAnyOrder(1, 65535);
    }
}
