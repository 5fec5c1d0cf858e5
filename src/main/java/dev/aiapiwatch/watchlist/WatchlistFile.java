package dev.aiapiwatch.watchlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads watch lists in the text format of the built-in list: one {@code pattern,provider} entry per
 * line, {@code #} starting a comment line, blank lines ignored.
 */
public final class WatchlistFile {

    private static final String BUILT_IN_RESOURCE = "/watchlist/ai-api-domains.csv";

    private WatchlistFile() {}

    /** Returns the watch list bundled with the job. */
    public static Watchlist builtIn() {
        InputStream stream = WatchlistFile.class.getResourceAsStream(BUILT_IN_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(
                    "built-in watch list " + BUILT_IN_RESOURCE + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, "built-in watch list");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the watch list in {@code file}.
     *
     * @throws IllegalArgumentException naming the file and line of the first invalid entry
     * @throws IOException when the file cannot be read
     */
    public static Watchlist read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    static Watchlist read(Reader source, String name) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        List<WatchlistEntry> entries = new ArrayList<>();
        Map<String, Integer> lineOfPattern = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int comma = trimmed.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(
                        name
                                + " line "
                                + number
                                + ": expected 'pattern,provider', for example"
                                + " 'api.openai.com,OpenAI', but found '"
                                + trimmed
                                + "'");
            }
            WatchlistEntry entry =
                    new WatchlistEntry(
                            trimmed.substring(0, comma).strip(),
                            trimmed.substring(comma + 1).strip());
            String pattern;
            try {
                pattern = Watchlist.of(List.of(entry)).entries[0].pattern;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        name + " line " + number + ": " + e.getMessage(), e);
            }
            Integer earlier = lineOfPattern.putIfAbsent(pattern, number);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        name
                                + " line "
                                + number
                                + ": the pattern "
                                + pattern
                                + " is already on line "
                                + earlier
                                + "; keep one of them");
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(name + " contains no entries");
        }
        return Watchlist.of(entries);
    }
}
