package dev.aiapiwatch.tools;

import dev.aiapiwatch.io.WatchlistUpdateJson;
import dev.aiapiwatch.watchlist.Watchlist;
import dev.aiapiwatch.watchlist.WatchlistEntry;
import dev.aiapiwatch.watchlist.WatchlistUpdate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one watch-list update to the detection-config topic, keyed by its pattern. Used by {@code
 * scripts/update-watchlist.sh}.
 *
 * <p>Usage: {@code SendWatchlistUpdate BOOTSTRAP_SERVERS TOPIC upsert PATTERN PROVIDER} or {@code
 * SendWatchlistUpdate BOOTSTRAP_SERVERS TOPIC delete PATTERN}
 */
public final class SendWatchlistUpdate {

    private SendWatchlistUpdate() {}

    public static void main(String[] args) throws Exception {
        WatchlistUpdate update = parse(args);
        if (update == null) {
            System.err.println(
                    "Usage: SendWatchlistUpdate BOOTSTRAP_SERVERS TOPIC upsert PATTERN PROVIDER\n"
                            + "       SendWatchlistUpdate BOOTSTRAP_SERVERS TOPIC delete PATTERN");
            System.exit(2);
        }
        try {
            // The job would reject an invalid pattern; report it now, where it can be fixed.
            Watchlist.of(List.of(new WatchlistEntry(update.pattern, "check")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    args[1],
                                    WatchlistUpdateJson.keyOf(update.pattern),
                                    WatchlistUpdateJson.toJson(update)))
                    .get(30, TimeUnit.SECONDS);
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            System.err.println(
                    "Sending the update to "
                            + args[1]
                            + " at "
                            + args[0]
                            + " failed: "
                            + cause.getMessage()
                            + " Is the broker up (scripts/local-stack.sh status)?");
            System.exit(1);
        }
        System.out.println("sent '" + update + "' to " + args[1]);
    }

    private static WatchlistUpdate parse(String[] args) {
        if (args.length == 5 && args[2].equals(WatchlistUpdate.UPSERT)) {
            return WatchlistUpdate.upsert(args[3], args[4]);
        }
        if (args.length == 4 && args[2].equals(WatchlistUpdate.DELETE)) {
            return WatchlistUpdate.delete(args[3]);
        }
        return null;
    }
}
