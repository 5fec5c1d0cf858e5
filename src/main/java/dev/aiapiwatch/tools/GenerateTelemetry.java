package dev.aiapiwatch.tools;

import dev.aiapiwatch.config.CommandLine;
import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.config.OptionSpec;
import dev.aiapiwatch.config.OptionValues;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic fleet telemetry with {@link TelemetryGenerator}. Used by {@code
 * scripts/generate-telemetry.sh} and the benchmarks.
 */
public final class GenerateTelemetry {

    static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.withValue("--events", "N", "Number of lines. Default: 1000000."),
                    OptionSpec.withValue(
                            "--hosts",
                            "N",
                            "Number of hosts. Default: one per 2000 events, at least 10."),
                    OptionSpec.withValue("--seed", "N", "Seed of the random choices. Default: 1."),
                    OptionSpec.withValue(
                            "--span",
                            "DURATION",
                            "Time over which the events advance, before each is moved by up to"
                                    + " --disorder. Default: 1d."),
                    OptionSpec.withValue(
                            "--disorder",
                            "DURATION",
                            "Most that an event's time differs from its place. Default: 30s."),
                    OptionSpec.withValue(
                            "--malformed",
                            "SHARE",
                            "Share of malformed lines, 0 to 1. Default: 0.001."),
                    OptionSpec.withValue(
                            "--output", "FILE", "Where to write; a .gz name compresses. Required."),
                    OptionSpec.flag("--help", "Print this help and exit."));

    /** Event time from the first line to the last: one day. */
    public static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    /** Maximum difference between an event's time and its place in the file. */
    public static final Duration DEFAULT_DISORDER = Duration.ofSeconds(30);

    /** One line in a thousand is malformed. */
    public static final double DEFAULT_MALFORMED_SHARE = 0.001;

    private GenerateTelemetry() {}

    public static void main(String[] args) throws IOException {
        try {
            CommandLine line = CommandLine.parse(args, SPECS);
            if (line.has("--help")) {
                System.out.println("Usage: scripts/generate-telemetry.sh --output FILE [options]");
                System.out.print(OptionSpec.help(SPECS));
                System.exit(0);
            }
            if (!line.has("--output")) {
                throw new InvalidOptionException(
                        "Missing --output: give the file to write, such as --output"
                                + " fleet.ndjson.");
            }
            long events = OptionValues.longNumber(line, "--events", 1_000_000, 1);
            long hosts = OptionValues.longNumber(line, "--hosts", Math.max(10, events / 2000), 1);
            if (hosts > Integer.MAX_VALUE) {
                throw InvalidOptionException.invalidValue(
                        "--hosts", Long.toString(hosts), "at most " + Integer.MAX_VALUE);
            }
            long seed = OptionValues.longNumber(line, "--seed", 1, Long.MIN_VALUE);
            Duration span = OptionValues.duration(line, "--span", DEFAULT_SPAN.toString(), true);
            Duration disorder =
                    OptionValues.duration(line, "--disorder", DEFAULT_DISORDER.toString(), true);
            double malformed = share(line, "--malformed", DEFAULT_MALFORMED_SHARE);
            Path output = Path.of(line.value("--output", null));
            write(output, events, (int) hosts, seed, span, disorder, malformed);
            System.out.printf("%s: %d lines, %d hosts, seed %d%n", output, events, hosts, seed);
        } catch (InvalidOptionException e) {
            System.err.println("generate-telemetry: " + e.getMessage());
            System.err.println("Run scripts/generate-telemetry.sh --help for the options.");
            System.exit(2);
        }
    }

    private static double share(CommandLine line, String option, double defaultValue)
            throws InvalidOptionException {
        String value = line.value(option, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            double share = Double.parseDouble(value.strip());
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw InvalidOptionException.invalidValue(option, value, "a number from 0 to 1");
    }

    /** Writes a telemetry file; a name ending in {@code .gz} is compressed. */
    public static void write(
            Path output,
            long events,
            int hosts,
            long seed,
            Duration span,
            Duration disorder,
            double malformed)
            throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream stream = Files.newOutputStream(output);
        if (output.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        try (Writer writer =
                new BufferedWriter(
                        new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            new TelemetryGenerator(
                            seed,
                            hosts,
                            TelemetryGenerator.DEFAULT_START_MILLIS,
                            span.toMillis(),
                            disorder.toMillis(),
                            malformed)
                    .write(events, writer);
        }
    }
}
