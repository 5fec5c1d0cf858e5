package dev.aiapiwatch.tools;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.Expiry;
import dev.aiapiwatch.allowlist.HostGroup;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.AllowlistFile;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.watchlist.Watchlist;
import dev.aiapiwatch.watchlist.WatchlistEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Sends detection-config updates to the config topic, each keyed {@code <type>/<id>}. Used by
 * {@code scripts/update-watchlist.sh} and {@code scripts/update-allowlist.sh}. {@code allowlist
 * upsert FILE} sends every host group and then every entry of an allowlist file, one message each.
 */
public final class SendConfigUpdate {

    private static final String USAGE =
            "Usage: SendConfigUpdate BOOTSTRAP_SERVERS TOPIC watchlist upsert PATTERN PROVIDER\n"
                    + "       SendConfigUpdate BOOTSTRAP_SERVERS TOPIC watchlist delete PATTERN\n"
                    + "       SendConfigUpdate BOOTSTRAP_SERVERS TOPIC allowlist upsert FILE\n"
                    + "       SendConfigUpdate BOOTSTRAP_SERVERS TOPIC allowlist delete ID\n"
                    + "       SendConfigUpdate BOOTSTRAP_SERVERS TOPIC host-group delete NAME";

    private SendConfigUpdate() {}

    public static void main(String[] args) throws Exception {
        List<DetectionConfigUpdate> updates;
        try {
            updates = updates(args);
        } catch (IllegalArgumentException e) {
            // The job would reject these updates; report them now, where they can be fixed.
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("Cannot read the allowlist file: " + e);
            System.exit(2);
            return;
        }
        if (updates == null) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        send(args[0], args[1], updates);
    }

    /**
     * Returns the updates that {@code args} ask for, or null when they do not fit the usage.
     *
     * @throws IllegalArgumentException when a pattern, file or entry is invalid
     */
    static List<DetectionConfigUpdate> updates(String[] args) throws IOException {
        String command = args.length >= 5 ? args[2] + " " + args[3] : "";
        if (args.length == 6 && command.equals("watchlist upsert")) {
            Watchlist.of(List.of(new WatchlistEntry(args[4], args[5])));
            return List.of(DetectionConfigUpdate.watchlistUpsert(args[4], args[5]));
        }
        if (args.length != 5) {
            return null;
        }
        switch (command) {
            case "watchlist delete":
                Watchlist.of(List.of(new WatchlistEntry(args[4], "check")));
                return List.of(DetectionConfigUpdate.watchlistDelete(args[4]));
            case "allowlist upsert":
                return allowlistFileUpdates(Path.of(args[4]));
            case "allowlist delete":
                return List.of(DetectionConfigUpdate.allowlistDelete(args[4]));
            case "host-group delete":
                return List.of(DetectionConfigUpdate.hostGroupDelete(args[4]));
            default:
                return null;
        }
    }

    private static List<DetectionConfigUpdate> allowlistFileUpdates(Path file) throws IOException {
        Allowlist allowlist = AllowlistFile.read(file, false);
        List<DetectionConfigUpdate> updates = new ArrayList<>();
        // Groups first, so that the job has them when their entries arrive.
        for (HostGroup group : allowlist.hostGroups) {
            updates.add(DetectionConfigUpdate.hostGroupUpsert(group));
        }
        for (AllowlistEntry entry : allowlist.entries) {
            updates.add(DetectionConfigUpdate.allowlistUpsert(entry));
        }
        for (AllowlistEntry entry : allowlist.entriesWithUndefinedHostGroup()) {
            System.err.println(
                    "Note: entry '"
                            + entry.id
                            + "' names host group '"
                            + entry.hostGroup
                            + "', which "
                            + file
                            + " does not define; it suppresses nothing"
                            + " until the job knows that group.");
        }
        for (AllowlistEntry entry : allowlist.entries) {
            if (entry.expiresAt <= System.currentTimeMillis()) {
                System.err.println(
                        "Note: entry '"
                                + entry.id
                                + "' expired at "
                                + Expiry.format(entry.expiresAt)
                                + "; it suppresses only lookups timestamped before then.");
            }
        }
        return updates;
    }

    private static void send(
            String bootstrapServers, String topic, List<DetectionConfigUpdate> updates) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (DetectionConfigUpdate update : updates) {
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        DetectionConfigUpdateJson.keyOf(update),
                                        DetectionConfigUpdateJson.toJson(update)))
                        .get(30, TimeUnit.SECONDS);
                System.out.println("sent '" + update + "' to " + topic);
            }
        } catch (KafkaException | ExecutionException | TimeoutException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            System.err.println(
                    "Sending the update to "
                            + topic
                            + " at "
                            + bootstrapServers
                            + " failed: "
                            + cause.getMessage()
                            + " Is the broker up (scripts/local-stack.sh status)?");
            System.exit(1);
        }
    }
}
