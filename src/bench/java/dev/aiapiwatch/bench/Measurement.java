package dev.aiapiwatch.bench;

import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one measurement, printed by the measuring JVM as one line that starts with {@link
 * #PREFIX}, so that the runner can collect it from the process output.
 */
final class Measurement {

    static final String PREFIX = "MEASUREMENT ";

    final Map<String, Object> values = new LinkedHashMap<>();

    Measurement put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Adds the peak resident memory of this JVM, from Linux's /proc, in MiB. */
    Measurement withPeakMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    values.put("peakRssMiB", kib / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            values.put("peakRssMiB", -1);
        }
        return this;
    }

    void print() throws IOException {
        System.out.println(PREFIX + Json.mapper().writeValueAsString(values));
    }
}
