package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one place that configures Jackson for the job and its tests. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectReader CONFIG_READER =
            MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** ISO-8601 in UTC with milliseconds, the form Elasticsearch's default date format reads. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Returns a reader for configuration that rejects an object with the same field twice, where
     * the second value would otherwise silently replace the first.
     */
    public static ObjectReader configReader() {
        return CONFIG_READER;
    }

    public static JsonFactory factory() {
        return MAPPER.getFactory();
    }

    /** Formats epoch milliseconds as ISO-8601 UTC, for example 2026-11-02T10:05:01.000Z. */
    public static String formatTime(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Writes one JSON value with {@code body} into a string. */
    public static String write(JsonBody body) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator generator = factory().createGenerator(text)) {
            body.writeTo(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return text.toString();
    }

    /** Code that writes a JSON value to a generator. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator generator) throws IOException;
    }
}
