package dev.aiapiwatch.tools;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.Expiry;
import dev.aiapiwatch.allowlist.HostGroup;
import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.AllowlistFile;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.watchlist.Watchlist;
import dev.aiapiwatch.watchlist.WatchlistEntry;
import java.io.IOException;
import java.io.PrintStream;
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
            "Usage: SendConfigUpdate [--kafka-properties FILE] BOOTSTRAP_SERVERS TOPIC COMMAND\n"
                    + "COMMAND is one of:\n"
                    + "  watchlist upsert PATTERN PROVIDER\n"
                    + "  watchlist delete PATTERN\n"
                    + "  allowlist upsert FILE\n"
                    + "  allowlist delete ID\n"
                    + "  host-group delete NAME";

    private SendConfigUpdate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Sends the updates that {@code args} ask for and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        KafkaToolArguments arguments;
        List<DetectionConfigUpdate> updates;
        try {
            arguments = KafkaToolArguments.parse(args);
            updates = arguments == null ? null : updates(arguments.positional);
        } catch (InvalidOptionException | IllegalArgumentException e) {
            // The job would reject these settings or updates; report them now, where they can be
            // fixed.
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Cannot read the allowlist file: " + e);
            return 2;
        }
        if (updates == null) {
            err.println(USAGE);
            return 2;
        }
        return send(arguments, updates, out, err);
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

    private static int send(
            KafkaToolArguments arguments,
            List<DetectionConfigUpdate> updates,
            PrintStream out,
            PrintStream err) {
        Properties properties = arguments.clientProperties();
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        String topic = arguments.topic;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (DetectionConfigUpdate update : updates) {
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        DetectionConfigUpdateJson.keyOf(update),
                                        DetectionConfigUpdateJson.toJson(update)))
                        .get(30, TimeUnit.SECONDS);
                out.println("sent '" + update + "' to " + topic);
            }
            return 0;
        } catch (KafkaException | ExecutionException | TimeoutException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            err.println(
                    arguments.failureMessage(
                            "Sending the update to "
                                    + topic
                                    + " at "
                                    + arguments.bootstrapServers
                                    + " failed",
                            cause));
            return 1;
        }
    }
}
