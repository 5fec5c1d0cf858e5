package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.withValue("--window", "DURATION", "Window size."),
                    OptionSpec.repeatable("--input", "PATH", "Telemetry to read."),
                    OptionSpec.flag("--help", "Print help."));

    private static CommandLine parse(String... args) throws InvalidOptionException {
        return CommandLine.parse(args, SPECS);
    }

    @Test
    void valueAsNextArgument() throws InvalidOptionException {
        CommandLine line = parse("--window", "1h");

        assertThat(line.has("--window")).isTrue();
        assertThat(line.value("--window", "default")).isEqualTo("1h");
    }

    @Test
    void valueAfterEqualsSign() throws InvalidOptionException {
        CommandLine line = parse("--window=1h");

        assertThat(line.value("--window", "default")).isEqualTo("1h");
    }

    @Test
    void valueKeepsLaterEqualsSigns() throws InvalidOptionException {
        CommandLine line = parse("--input=s3://bucket/key=a");

        assertThat(line.values("--input")).containsExactly("s3://bucket/key=a");
    }

    @Test
    void flagWithoutValue() throws InvalidOptionException {
        CommandLine line = parse("--help", "--window", "2h");

        assertThat(line.has("--help")).isTrue();
        assertThat(line.value("--window", null)).isEqualTo("2h");
    }

    @Test
    void absentOptionUsesDefault() throws InvalidOptionException {
        CommandLine line = parse();

        assertThat(line.has("--window")).isFalse();
        assertThat(line.value("--window", "1h")).isEqualTo("1h");
        assertThat(line.values("--input")).isEmpty();
    }

    @Test
    void misspeltOptionSuggestsClosest() {
        assertThatThrownBy(() -> parse("--windw", "1h"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Unknown option '--windw'; did you mean --window?");
    }

    @Test
    void unknownOptionListsValidOptions() {
        assertThatThrownBy(() -> parse("--output-folder", "out"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Unknown option '--output-folder'. Valid options: --window, --input,"
                                + " --help.");
    }

    @Test
    void unknownOptionWithEqualsNamed() {
        assertThatThrownBy(() -> parse("--windw=1h"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown option '--windw'");
    }

    @Test
    void bareArgumentRejected() {
        assertThatThrownBy(() -> parse("telemetry.ndjson"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown option 'telemetry.ndjson'");
    }

    @Test
    void missingValueRejected() {
        assertThatThrownBy(() -> parse("--input", "a.ndjson", "--window"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Missing value for --window")
                .hasMessageContaining("--window DURATION");
    }

    @Test
    void flagValueRejected() {
        assertThatThrownBy(() -> parse("--help=yes"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--help takes no value")
                .hasMessageContaining("'yes'");
    }

    @Test
    void repeatedSingleOptionRejected() {
        assertThatThrownBy(() -> parse("--window", "1h", "--window=2h"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--window is given twice")
                .hasMessageContaining("'1h'")
                .hasMessageContaining("'2h'");
    }

    @Test
    void repeatableOptionKeepsOrder() throws InvalidOptionException {
        CommandLine line = parse("--input", "a.ndjson", "--input=b.ndjson", "--input", "c.gz");

        assertThat(line.values("--input")).containsExactly("a.ndjson", "b.ndjson", "c.gz");
        assertThat(line.value("--input", null)).isEqualTo("a.ndjson");
    }

    @Test
    void shortHelpMeansHelp() throws InvalidOptionException {
        assertThat(parse("-h").has("--help")).isTrue();
    }
}
