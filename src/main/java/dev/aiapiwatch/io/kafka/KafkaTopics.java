package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.config.ClosestName;
import dev.aiapiwatch.config.KafkaOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks before the job starts that the brokers respond and the named topics exist. */
public final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {}

    /** Returns the messages of {@code error} and its causes, each once, joined by colons. */
    private static String causes(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            if (messages.stream().noneMatch(message::contains)) {
                messages.add(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return String.join(": ", messages);
    }

    private static Admin createAdmin(Properties properties, KafkaOptions options)
            throws IOException {
        try {
            return Admin.create(properties);
        } catch (KafkaException e) {
            // Invalid client properties: name them without their values, which may be secrets.
            throw new IOException(
                    "cannot create a Kafka client from the client properties "
                            + options.describeClientProperties()
                            + ": "
                            + options.redact(causes(e))
                            + ". Check "
                            + KafkaOptions.KAFKA_PROPERTY
                            + " and "
                            + KafkaOptions.KAFKA_PROPERTIES
                            + ".",
                    e);
        }
    }

    /**
     * Waits until the brokers list {@code names}, for at most {@link #TIMEOUT_SECONDS}. Creating a
     * topic returns before the topic reaches the broker's metadata, and the start check lists
     * topics, so a job started right after a creation could see the topic as missing.
     */
    public static void awaitListed(Admin admin, Collection<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!admin.listTopics()
                .names()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "the brokers do not list the created topics "
                                + names
                                + " after "
                                + TIMEOUT_SECONDS
                                + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * @throws IOException naming the brokers or the missing topics, and what to do
     */
    public static void checkExist(KafkaOptions options) throws IOException, InterruptedException {
        // Each topic the job needs, with the option that names it.
        Map<String, String> needed = new LinkedHashMap<>();
        for (String topic : options.telemetryTopics()) {
            needed.put(topic, KafkaOptions.TELEMETRY_TOPIC);
        }
        needed.put(options.configTopic(), KafkaOptions.CONFIG_TOPIC);
        needed.put(options.deadLetterTopic(), KafkaOptions.DEAD_LETTER_TOPIC);
        if (options.aidmasterUserinfoTopic() != null) {
            needed.put(options.aidmasterUserinfoTopic(), KafkaOptions.AIDMASTER_USERINFO_TOPIC);
        }

        Properties properties = options.clientProperties();
        properties.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
        LOG.info(
                "Checking the topics on the Kafka brokers {}, waiting up to {} s for an answer",
                options.bootstrapServers(),
                TIMEOUT_SECONDS);
        Set<String> existing;
        try (Admin admin = createAdmin(properties, options)) {
            existing =
                    admin.listTopics(new ListTopicsOptions().listInternal(false))
                            .names()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException(
                    "cannot list the topics of the Kafka brokers "
                            + options.bootstrapServers()
                            + ": no answer within "
                            + TIMEOUT_SECONDS
                            + " s. Check "
                            + KafkaOptions.BOOTSTRAP_SERVERS
                            + ", that the brokers are up, and that security.protocol in the"
                            + " client properties matches the brokers' listener: a TLS client"
                            + " at a plain port, or a plain client at a TLS port, gets no answer.",
                    e);
        } catch (ExecutionException e) {
            String hint = AuthenticationHints.hint(e.getCause(), options);
            throw new IOException(
                    "cannot list the topics of the Kafka brokers "
                            + options.bootstrapServers()
                            + ": "
                            + options.redact(causes(e.getCause()))
                            + ". "
                            + (hint != null
                                    ? hint
                                    : "Check "
                                            + KafkaOptions.BOOTSTRAP_SERVERS
                                            + ", the client properties and that the brokers"
                                            + " are up."),
                    e);
        }
        if (options.telemetryTopicPattern() != null) {
            Pattern pattern = Pattern.compile(options.telemetryTopicPattern());
            if (existing.stream().noneMatch(name -> pattern.matcher(name).matches())) {
                throw new IOException(
                        "no Kafka topic on "
                                + options.bootstrapServers()
                                + " matches "
                                + KafkaOptions.TELEMETRY_TOPIC_PATTERN
                                + " "
                                + options.telemetryTopicPattern()
                                + ". The pattern must match whole topic names, such as"
                                + " falcon-.* for falcon-telemetry.");
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> topic : needed.entrySet()) {
            if (!existing.contains(topic.getKey())) {
                String closest = ClosestName.among(topic.getKey(), existing);
                missing.add(
                        topic.getKey()
                                + " ("
                                + topic.getValue()
                                + (closest != null ? "; did you mean " + closest + "?" : "")
                                + ")");
            }
        }
        if (!missing.isEmpty()) {
            String hiddenHint = AuthenticationHints.hiddenTopicsHint(options);
            throw new IOException(
                    (missing.size() == 1 ? "this Kafka topic does" : "these Kafka topics do")
                            + " not exist on "
                            + options.bootstrapServers()
                            + ": "
                            + String.join(", ", missing)
                            + ". Create "
                            + (missing.size() == 1 ? "it" : "them")
                            + " (deploy/kafka/topics.yaml defines them for Strimzi, and"
                            + " scripts/local-stack.sh creates them locally), or name an existing"
                            + " topic with the option in parentheses."
                            + (hiddenHint != null ? " " + hiddenHint : ""));
        }
    }
}
