package dev.aiapiwatch.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Options of Kafka mode: where telemetry, detection config and dead letters live, and the client
 * properties that reach the Kafka clients unchanged, so that SASL and TLS work as Kafka documents
 * them.
 */
public final class KafkaOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String BOOTSTRAP_SERVERS = "--kafka-bootstrap-servers";
    public static final String TELEMETRY_TOPIC = "--telemetry-topic";
    public static final String TELEMETRY_TOPIC_PATTERN = "--telemetry-topic-pattern";
    public static final String CONFIG_TOPIC = "--config-topic";
    public static final String DEAD_LETTER_TOPIC = "--dead-letter-topic";
    public static final String AIDMASTER_USERINFO_TOPIC = "--aidmaster-userinfo-topic";
    public static final String GROUP_ID = "--kafka-group-id";
    public static final String STARTING_OFFSETS = "--starting-offsets";
    public static final String STOP_AT_LATEST = "--stop-at-latest";
    public static final String KAFKA_PROPERTY = "--kafka-property";
    public static final String KAFKA_PROPERTIES = "--kafka-properties";

    public static final String DEFAULT_DEAD_LETTER_TOPIC = "ai-api-watch-dead-letters";
    public static final String DEFAULT_GROUP_ID = "ai-api-watch";
    public static final String DEFAULT_CONFIG_TOPIC = "ai-api-watch-config";

    /**
     * Words in a property name that mark its value as a credential, as in {@code ssl.key.password},
     * {@code sasl.jaas.config}, {@code sasl.oauthbearer.client.credentials.client.secret} and
     * {@code basic.auth.user.info}.
     */
    private static final List<String> SECRET_NAME_PARTS =
            List.of("password", "jaas", "secret", "credential", "user.info", "keystore.key");

    /** The source of the job's client properties, and the options that set the others. */
    private static final ClientPropertySource JOB_PROPERTIES =
            new ClientPropertySource(
                    KAFKA_PROPERTY + " or the " + KAFKA_PROPERTIES + " file",
                    Map.of(
                            "bootstrap.servers",
                            "the job from " + BOOTSTRAP_SERVERS,
                            "group.id",
                            "the job from " + GROUP_ID));

    /** A config-provider reference, {@code ${provider:key}} or {@code ${provider:path:key}}. */
    private static final Pattern PROVIDER_REFERENCE =
            Pattern.compile("\\$\\{([^}:]+):(?:[^}:]*:)?([^}:]+)}");

    static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.withValue(
                            BOOTSTRAP_SERVERS,
                            "HOST:PORT[,...]",
                            "Kafka brokers. Setting it reads telemetry from Kafka instead of files."),
                    OptionSpec.repeatable(
                            TELEMETRY_TOPIC,
                            "NAME",
                            "Topic of raw Falcon events, one event per record value. Repeatable."),
                    OptionSpec.withValue(
                            TELEMETRY_TOPIC_PATTERN,
                            "REGEX",
                            "Reads every topic whose name matches, instead of "
                                    + TELEMETRY_TOPIC
                                    + "."),
                    OptionSpec.withValue(
                            CONFIG_TOPIC,
                            "NAME",
                            "Compacted topic of watch-list and allowlist updates, read from the"
                                    + " beginning and applied while the job runs; it must exist, empty or not."
                                    + " Default: "
                                    + DEFAULT_CONFIG_TOPIC
                                    + "."),
                    OptionSpec.withValue(
                            AIDMASTER_USERINFO_TOPIC,
                            "NAME",
                            "Compacted topic of Falcon aidmaster and userinfo entries, one JSON"
                                    + " object per message keyed aidmaster/<aid> or"
                                    + " userinfo/<UserSid>; a message without a value removes"
                                    + " the entry. Read from the beginning at every start. Fills"
                                    + " host.name and user.name. Default: none."),
                    OptionSpec.withValue(
                            DEAD_LETTER_TOPIC,
                            "NAME",
                            "Topic for rejected records in Kafka mode. Default: "
                                    + DEFAULT_DEAD_LETTER_TOPIC
                                    + "."),
                    OptionSpec.withValue(
                            GROUP_ID,
                            "ID",
                            "Consumer group of the telemetry source. Default: "
                                    + DEFAULT_GROUP_ID
                                    + "."),
                    OptionSpec.withValue(
                            STARTING_OFFSETS,
                            "WHERE",
                            "Where a new job starts reading telemetry: earliest, latest,"
                                    + " committed (fails without committed offsets),"
                                    + " committed-or-earliest, committed-or-latest, or a time"
                                    + " (ISO-8601 or epoch milliseconds). A job restored from a"
                                    + " checkpoint continues from its offsets. Default:"
                                    + " committed-or-earliest."),
                    OptionSpec.flag(
                            STOP_AT_LATEST,
                            "Stops at the offsets that are latest when the job starts, so the run"
                                    + " is bounded like a file run."),
                    OptionSpec.repeatable(
                            KAFKA_PROPERTY,
                            "KEY=VALUE",
                            "Kafka client property for every client of the job, such as"
                                    + " security.protocol=SASL_SSL. Repeatable. Credentials are"
                                    + " rejected here; put them in the "
                                    + KAFKA_PROPERTIES
                                    + " file."),
                    OptionSpec.withValue(
                            KAFKA_PROPERTIES,
                            "FILE",
                            "Java properties file of Kafka client properties, credentials"
                                    + " included; "
                                    + KAFKA_PROPERTY
                                    + " values override it."));

    private String bootstrapServers;
    private List<String> telemetryTopics;
    private String telemetryTopicPattern;
    private String configTopic;
    private String deadLetterTopic;
    private String aidmasterUserinfoTopic;
    private String groupId;
    private StartingOffsets startingOffsets;
    private boolean stopAtLatest;
    private Properties clientProperties;

    private KafkaOptions() {}

    /**
     * Parses the Kafka options, or returns null when none is given.
     *
     * @throws InvalidOptionException naming the option, the value and what is accepted
     */
    static KafkaOptions parse(CommandLine line) throws InvalidOptionException {
        if (!anyGiven(line)) {
            return null;
        }
        if (!line.has(BOOTSTRAP_SERVERS)) {
            throw new InvalidOptionException(
                    "Kafka options need "
                            + BOOTSTRAP_SERVERS
                            + ", for example "
                            + BOOTSTRAP_SERVERS
                            + " localhost:9092.");
        }
        KafkaOptions options = new KafkaOptions();
        options.bootstrapServers = line.value(BOOTSTRAP_SERVERS, null).strip();
        options.telemetryTopics = List.copyOf(line.values(TELEMETRY_TOPIC));
        options.telemetryTopicPattern = line.value(TELEMETRY_TOPIC_PATTERN, null);
        if (options.telemetryTopics.isEmpty() == (options.telemetryTopicPattern == null)) {
            throw new InvalidOptionException(
                    "Kafka mode needs either "
                            + TELEMETRY_TOPIC
                            + " (repeatable) or "
                            + TELEMETRY_TOPIC_PATTERN
                            + ", and not both.");
        }
        if (options.telemetryTopicPattern != null) {
            try {
                Pattern.compile(options.telemetryTopicPattern);
            } catch (PatternSyntaxException e) {
                throw InvalidOptionException.invalidValue(
                        TELEMETRY_TOPIC_PATTERN,
                        options.telemetryTopicPattern,
                        "a Java regular expression (" + e.getDescription() + ")");
            }
        }
        options.configTopic = line.value(CONFIG_TOPIC, DEFAULT_CONFIG_TOPIC);
        options.deadLetterTopic = line.value(DEAD_LETTER_TOPIC, DEFAULT_DEAD_LETTER_TOPIC);
        options.aidmasterUserinfoTopic = line.value(AIDMASTER_USERINFO_TOPIC, null);
        options.groupId = line.value(GROUP_ID, DEFAULT_GROUP_ID);
        options.startingOffsets =
                StartingOffsets.parse(line.value(STARTING_OFFSETS, "committed-or-earliest"));
        options.stopAtLatest = line.has(STOP_AT_LATEST);
        checkOwnTopics(options);
        options.clientProperties = clientProperties(line);
        return options;
    }

    /** Returns whether any Kafka option is on the command line. */
    static boolean anyGiven(CommandLine line) {
        return SPECS.stream().anyMatch(spec -> line.has(spec.name()));
    }

    /**
     * Rejects telemetry topics that are the job's own: read as telemetry, its config updates,
     * aidmaster and userinfo entries and dead letters would be ignored or rejected again, and its
     * dead letters would feed themselves. The aidmaster-userinfo topic must differ from the config
     * and dead-letter topics for the same reason.
     */
    private static void checkOwnTopics(KafkaOptions options) throws InvalidOptionException {
        Pattern pattern =
                options.telemetryTopicPattern == null
                        ? null
                        : Pattern.compile(options.telemetryTopicPattern);
        // The job's own topics, each with the description that error messages use.
        Map<String, String> ownTopics = new LinkedHashMap<>();
        ownTopics.put(options.configTopic, "config or dead-letter topic");
        ownTopics.put(options.deadLetterTopic, "config or dead-letter topic");
        if (options.aidmasterUserinfoTopic != null) {
            if (ownTopics.containsKey(options.aidmasterUserinfoTopic)) {
                throw InvalidOptionException.invalidValue(
                        AIDMASTER_USERINFO_TOPIC,
                        options.aidmasterUserinfoTopic,
                        "a topic of its own, not the topic of "
                                + CONFIG_TOPIC
                                + " or "
                                + DEAD_LETTER_TOPIC);
            }
            ownTopics.put(options.aidmasterUserinfoTopic, "aidmaster-userinfo topic");
        }
        for (Map.Entry<String, String> ownTopic : ownTopics.entrySet()) {
            String own = ownTopic.getKey();
            if (options.telemetryTopics.contains(own)) {
                throw InvalidOptionException.invalidValue(
                        TELEMETRY_TOPIC,
                        own,
                        "a topic of Falcon events, not the " + ownTopic.getValue() + " of the job");
            }
            if (pattern != null && pattern.matcher(own).matches()) {
                throw new InvalidOptionException(
                        TELEMETRY_TOPIC_PATTERN
                                + " "
                                + options.telemetryTopicPattern
                                + " matches "
                                + own
                                + ", a topic of the job itself (config, dead letters, or"
                                + " aidmaster and userinfo entries). Narrow"
                                + " the pattern so that it matches only telemetry topics, such"
                                + " as falcon-.*.");
            }
        }
    }

    private static Properties clientProperties(CommandLine line) throws InvalidOptionException {
        Properties properties = new Properties();
        if (line.has(KAFKA_PROPERTIES)) {
            properties.putAll(readPropertiesFile(Path.of(line.value(KAFKA_PROPERTIES, null))));
        }
        for (String property : line.values(KAFKA_PROPERTY)) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw InvalidOptionException.invalidValue(
                        KAFKA_PROPERTY, property, "KEY=VALUE, such as security.protocol=SSL");
            }
            String key = property.substring(0, equals).strip();
            if (isSecret(key)) {
                // The value is not repeated: it is a credential.
                throw new InvalidOptionException(
                        KAFKA_PROPERTY
                                + " "
                                + key
                                + " would put a credential on the command line, where process"
                                + " listings and shell history show it. Put it in the file"
                                + " given with "
                                + KAFKA_PROPERTIES
                                + ", or read it from the environment with a Kafka config"
                                + " provider, such as ${env:KAFKA_PASSWORD}.");
            }
            properties.setProperty(key, property.substring(equals + 1).strip());
        }
        checkClientProperties(properties, JOB_PROPERTIES);
        return properties;
    }

    /**
     * Reads a Java properties file given with {@value #KAFKA_PROPERTIES}.
     *
     * @throws InvalidOptionException when the file is missing or not a properties file
     */
    static Properties readPropertiesFile(Path file) throws InvalidOptionException {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            throw InvalidOptionException.invalidValue(
                    KAFKA_PROPERTIES, file.toString(), "an existing properties file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidOptionException(
                    "Cannot read the Kafka properties file "
                            + file
                            + " given with "
                            + KAFKA_PROPERTIES
                            + ": "
                            + e.getMessage());
        }
        return properties;
    }

    /**
     * Rejects client properties that no Kafka client reads, that an option sets instead, that refer
     * to an undefined config provider or unset environment variable, or that name a missing
     * truststore or keystore.
     *
     * @throws InvalidOptionException naming the property, where it was given and the fix
     */
    static void checkClientProperties(Properties properties, ClientPropertySource source)
            throws InvalidOptionException {
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (!KafkaClientProperties.isKnown(name.strip())) {
                String closest = KafkaClientProperties.closest(name.strip());
                throw new InvalidOptionException(
                        "Unknown Kafka client property '"
                                + name
                                + "' in "
                                + source.where()
                                + ": no Kafka client reads it"
                                + (closest == null ? "" : "; did you mean '" + closest + "'?")
                                + " The Kafka documentation lists the consumer, producer and"
                                + " admin client properties.");
            }
        }
        for (String name : properties.stringPropertyNames()) {
            String setter = source.settersByProperty().get(name.strip());
            if (setter != null) {
                throw new InvalidOptionException(
                        "The client property "
                                + name
                                + " is set by "
                                + setter
                                + "; give it there, and remove it from "
                                + source.where()
                                + ".");
            }
        }
        checkProviderReferences(properties);
        KafkaClientProperties.checkStoreFiles(properties, source.where());
    }

    /**
     * Checks the {@code ${provider:key}} references in property values, which Kafka replaces by the
     * provider's value: each must name a provider that {@code config.providers} defines, and a
     * reference to the environment provider must name a variable that is set. Kafka passes an
     * unresolved reference on as text, so that a password would silently be the placeholder.
     */
    private static void checkProviderReferences(Properties properties)
            throws InvalidOptionException {
        List<String> providers = new ArrayList<>();
        for (String provider : properties.getProperty("config.providers", "").split(",")) {
            if (!provider.isBlank()) {
                providers.add(provider.strip());
            }
        }
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher reference = PROVIDER_REFERENCE.matcher(properties.getProperty(name));
            while (reference.find()) {
                String provider = reference.group(1);
                String key = reference.group(2);
                if (!providers.contains(provider)) {
                    throw new InvalidOptionException(
                            "The client property "
                                    + name
                                    + " refers to the config provider '"
                                    + provider
                                    + "', which config.providers does not define. For the"
                                    + " environment, add config.providers="
                                    + provider
                                    + " and config.providers."
                                    + provider
                                    + ".class=org.apache.kafka.common.config.provider"
                                    + ".EnvVarConfigProvider.");
                }
                String providerClass =
                        properties.getProperty("config.providers." + provider + ".class", "");
                if (providerClass.strip().endsWith(".EnvVarConfigProvider")
                        && System.getenv(key) == null) {
                    throw new InvalidOptionException(
                            "The client property "
                                    + name
                                    + " reads the environment variable "
                                    + key
                                    + ", which is not set. Export it before starting the job.");
                }
            }
        }
    }

    /** Returns whether a client property holds a credential, by the words in its name. */
    public static boolean isSecret(String propertyName) {
        String name = propertyName.toLowerCase(Locale.ROOT);
        return SECRET_NAME_PARTS.stream().anyMatch(name::contains);
    }

    /** Returns the client properties for logs: credentials are shown as {@code ***}. */
    public String describeClientProperties() {
        TreeMap<String, String> shown = new TreeMap<>();
        for (String name : clientProperties.stringPropertyNames()) {
            shown.put(name, isSecret(name) ? "***" : clientProperties.getProperty(name));
        }
        return shown.toString();
    }

    /**
     * Replaces the values of credential properties in {@code text} with {@code ***}, for messages
     * of the Kafka clients, which may quote a value they could not use.
     */
    public String redact(String text) {
        return redact(clientProperties, text);
    }

    /**
     * Replaces the values of the credential properties of {@code properties} in {@code text} with
     * {@code ***}.
     */
    public static String redact(Properties properties, String text) {
        String redacted = text;
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (isSecret(name) && !value.isEmpty()) {
                redacted = redacted.replace(value, "***");
            }
        }
        return redacted;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Returns the telemetry topics, or an empty list when a topic pattern is used. */
    public List<String> telemetryTopics() {
        return telemetryTopics;
    }

    /** Returns the telemetry topic pattern, or null when topics are named. */
    public String telemetryTopicPattern() {
        return telemetryTopicPattern;
    }

    /** Returns the detection-config topic. */
    public String configTopic() {
        return configTopic;
    }

    /** Returns the topic of aidmaster and userinfo entries, or null when none is read. */
    public String aidmasterUserinfoTopic() {
        return aidmasterUserinfoTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public String groupId() {
        return groupId;
    }

    public StartingOffsets startingOffsets() {
        return startingOffsets;
    }

    public boolean stopAtLatest() {
        return stopAtLatest;
    }

    /** Returns a copy of the client properties, credentials included. */
    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }

    /** Where a new job starts reading telemetry. */
    public static final class StartingOffsets implements Serializable {

        private static final long serialVersionUID = 1L;

        /** How the starting offsets are found. */
        public enum Kind {
            EARLIEST,
            LATEST,
            COMMITTED,
            COMMITTED_OR_EARLIEST,
            COMMITTED_OR_LATEST,
            TIMESTAMP
        }

        private final Kind kind;
        private final long timestamp;

        private StartingOffsets(Kind kind, long timestamp) {
            this.kind = kind;
            this.timestamp = timestamp;
        }

        static StartingOffsets parse(String value) throws InvalidOptionException {
            String normalized = value.strip().toLowerCase(Locale.ROOT);
            for (Kind kind : Kind.values()) {
                if (kind != Kind.TIMESTAMP
                        && normalized.equals(
                                kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    return new StartingOffsets(kind, -1);
                }
            }
            try {
                long millis =
                        normalized.chars().allMatch(Character::isDigit)
                                ? Long.parseLong(normalized)
                                : Instant.parse(value.strip()).toEpochMilli();
                return new StartingOffsets(Kind.TIMESTAMP, millis);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw InvalidOptionException.invalidValue(
                        STARTING_OFFSETS,
                        value,
                        "earliest, latest, committed, committed-or-earliest,"
                                + " committed-or-latest, an ISO-8601 time such as"
                                + " 2026-11-30T09:00:00Z, or epoch milliseconds");
            }
        }

        public Kind kind() {
            return kind;
        }

        /** Returns the time in epoch milliseconds for {@link Kind#TIMESTAMP}. */
        public long timestamp() {
            return timestamp;
        }

        @Override
        public String toString() {
            return kind == Kind.TIMESTAMP
                    ? Instant.ofEpochMilli(timestamp).toString()
                    : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("brokers " + bootstrapServers);
        parts.add(
                telemetryTopicPattern != null
                        ? "topics matching " + telemetryTopicPattern
                        : "topics " + telemetryTopics);
        parts.add("group " + groupId);
        parts.add("starting offsets " + startingOffsets);
        if (stopAtLatest) {
            parts.add("stopping at the latest offsets");
        }
        parts.add("config topic " + configTopic);
        parts.add("dead-letter topic " + deadLetterTopic);
        if (aidmasterUserinfoTopic != null) {
            parts.add("aidmaster-userinfo topic " + aidmasterUserinfoTopic);
        }
        parts.add("client properties " + describeClientProperties());
        return String.join(", ", parts);
    }
}
