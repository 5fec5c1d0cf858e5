package dev.aiapiwatch.bench;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.EventKind;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.io.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor: reads a telemetry file line by line and parses each line with the job's line reader
 * and parser, on one thread, without Flink. Runs the file three times and reports the fastest pass,
 * so that the figure is of warmed-up code reading from the page cache.
 *
 * <p>Usage: {@code ParseFloor FILE}
 */
public final class ParseFloor {

    private ParseFloor() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        FalconEventParser parser = new FalconEventParser(1 << 20);
        long best = Long.MAX_VALUE;
        long lines = 0;
        long kept = 0;
        for (int pass = 0; pass < 3; pass++) {
            long started = System.nanoTime();
            lines = 0;
            kept = 0;
            try (LineReader reader =
                    new LineReader(
                            Files.newInputStream(file),
                            parser.maxLineLength(),
                            DeadLetter.MAX_RAW_LENGTH)) {
                LineReader.Line line;
                while ((line = reader.next()) != null) {
                    FalconEvent event = line.parse(parser, "floor", ++lines);
                    if (event.kind != EventKind.IGNORED) {
                        kept++;
                    }
                }
            }
            best = Math.min(best, System.nanoTime() - started);
        }
        new Measurement()
                .put("measurement", "floor")
                .put("events", lines)
                .put("keptEvents", kept)
                .put("seconds", best / 1e9)
                .put("eventsPerSecond", lines / (best / 1e9))
                .withPeakMemory()
                .print();
    }
}
