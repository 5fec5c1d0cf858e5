package dev.aiapiwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * Profiles a measured run with async-profiler, which Flink's runtime brings along, when the system
 * property {@value #DIRECTORY_PROPERTY} names an output folder. It samples CPU time of all threads
 * (perf events, or a CPU timer where the kernel does not allow them) and writes a flame graph
 * ({@code NAME.html}), the collapsed stacks ({@code NAME.collapsed}) and the share of CPU time per
 * thread ({@code NAME-threads.txt}).
 */
final class Profiling implements AutoCloseable {

    static final String DIRECTORY_PROPERTY = "ai-api-watch.bench.profile";

    private final AsyncProfiler profiler;
    private final Path directory;
    private final String name;

    private Profiling(AsyncProfiler profiler, Path directory, String name) {
        this.profiler = profiler;
        this.directory = directory;
        this.name = name;
    }

    /** Starts profiling if {@value #DIRECTORY_PROPERTY} is set; closing the result writes it. */
    static Profiling start(String name) throws IOException {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            return new Profiling(null, null, name);
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        try {
            profiler.execute("start,event=cpu,interval=1000000,threads");
        } catch (IllegalStateException | IOException e) {
            System.err.println(
                    "Perf events are not available (" + e.getMessage() + "); using itimer");
            profiler.execute("start,event=itimer,interval=1000000,threads");
        }
        Path folder = Path.of(directory);
        Files.createDirectories(folder);
        return new Profiling(profiler, folder, name);
    }

    @Override
    public void close() throws IOException {
        if (profiler == null) {
            return;
        }
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        profiler.execute("stop,flamegraph,file=" + directory.resolve(name + ".html"));
        Files.writeString(directory.resolve(name + ".collapsed"), collapsed);
        Files.writeString(
                directory.resolve(name + "-threads.txt"),
                threadShares(collapsed),
                StandardCharsets.UTF_8);
    }

    /** Sums the samples of the collapsed stacks per thread, with numbers in names made generic. */
    static String threadShares(String collapsed) {
        Map<String, Long> samples = new TreeMap<>();
        long total = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            int semicolon = line.indexOf(';');
            if (space <= 0 || semicolon <= 0) {
                continue;
            }
            String thread = line.substring(0, semicolon).replaceAll("[0-9]+", "N");
            long count = Long.parseLong(line.substring(space + 1));
            samples.merge(thread, count, Long::sum);
            total += count;
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            text.append(
                    String.format(
                            "%6.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
        }
        return text.toString();
    }
}
