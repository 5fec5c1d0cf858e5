package dev.aiapiwatch.tools;

import dev.aiapiwatch.io.kafka.KafkaTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the job's topics on a local broker, skipping those that exist: the telemetry topic, the
 * compacted detection-config topic, the dead-letter topic and, when named, the compacted topic of
 * aidmaster and userinfo entries. Used by {@code scripts/local-stack.sh}.
 *
 * <p>Usage: {@code CreateTopics BOOTSTRAP_SERVERS TELEMETRY_TOPIC CONFIG_TOPIC DEAD_LETTER_TOPIC
 * PARTITIONS [AIDMASTER_USERINFO_TOPIC]}
 */
public final class CreateTopics {

    private CreateTopics() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println(
                    "Usage: CreateTopics BOOTSTRAP_SERVERS TELEMETRY_TOPIC CONFIG_TOPIC"
                            + " DEAD_LETTER_TOPIC PARTITIONS [AIDMASTER_USERINFO_TOPIC]");
            System.exit(2);
        }
        int partitions = Integer.parseInt(args[4]);
        List<NewTopic> wanted =
                new ArrayList<>(
                        List.of(
                                new NewTopic(args[1], partitions, (short) 1),
                                // Compaction keeps the latest update per key, so the topic is
                                // the list.
                                new NewTopic(args[2], 1, (short) 1)
                                        .configs(Map.of("cleanup.policy", "compact")),
                                new NewTopic(args[3], 1, (short) 1)));
        if (args.length == 6) {
            // Compaction keeps the latest entry per aidmaster/<aid> or userinfo/<UserSid> key.
            wanted.add(
                    new NewTopic(args[5], 1, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")));
        }
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted) {
                if (existing.contains(topic.name())) {
                    System.out.println("topic " + topic.name() + " exists");
                } else {
                    missing.add(topic);
                }
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            KafkaTopics.awaitListed(admin, missing.stream().map(NewTopic::name).toList());
            for (NewTopic topic : missing) {
                System.out.println(
                        "created topic "
                                + topic.name()
                                + " with "
                                + topic.numPartitions()
                                + " partition(s)");
            }
        }
    }
}
