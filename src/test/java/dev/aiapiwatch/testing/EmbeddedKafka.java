package dev.aiapiwatch.testing;

import dev.aiapiwatch.io.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in the test JVM: one node in KRaft mode (broker and controller), with its
 * listeners on 127.0.0.1 and its log in a temporary folder. The client listener is plain text, or
 * SASL_SSL as {@link ListenerSecurity} sets it up, and then the helper's own clients log in as its
 * admin user.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private KafkaRaftServer server;
    private final Path logDirectory;
    private final String bootstrapServers;
    private final ListenerSecurity security;

    private EmbeddedKafka(
            KafkaRaftServer server,
            Path logDirectory,
            String bootstrapServers,
            ListenerSecurity security) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** Formats a log folder and starts the broker on two free loopback ports, in plain text. */
    public static EmbeddedKafka start() throws IOException {
        return start(ListenerSecurity.plaintext());
    }

    /**
     * Formats a log folder, with the SCRAM users of {@code security}, and starts the broker on two
     * free loopback ports.
     */
    public static EmbeddedKafka start(ListenerSecurity security) throws IOException {
        String listener = security.protocol();
        Path logDirectory = Files.createTempDirectory("ai-api-watch-kafka-");
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty(
                "listeners",
                listener
                        + "://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        properties.setProperty("advertised.listeners", listener + "://127.0.0.1:" + brokerPort);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty(
                "controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.setProperty(
                "listener.security.protocol.map",
                listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        properties.setProperty("inter.broker.listener.name", listener);
        properties.setProperty("log.dirs", logDirectory.toString());
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        properties.setProperty("auto.create.topics.enable", "false");
        security.configureBroker(properties);

        Path configFile = configFile(logDirectory);
        try (var writer = Files.newBufferedWriter(configFile)) {
            properties.store(writer, "test broker");
        }
        List<String> format =
                new ArrayList<>(
                        List.of(
                                "format",
                                "--standalone",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                configFile.toString()));
        format.addAll(security.formatArguments());
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted =
                StorageTool.execute(
                        format.toArray(new String[0]),
                        new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            throw new IOException(
                    "formatting the Kafka log folder failed: "
                            + formatOutput.toString(StandardCharsets.UTF_8));
        }
        KafkaRaftServer server =
                new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, logDirectory, "127.0.0.1:" + brokerPort, security);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ListenerSecurity security() {
        return security;
    }

    /**
     * Shuts the broker down, runs {@code whileDown}, waits {@code downtime} and starts a new broker
     * with the same properties, log folder and ports, as when an operator restarts the broker.
     * Clients that were connected reconnect on their own.
     */
    public void restart(Duration downtime, Runnable whileDown)
            throws IOException, InterruptedException {
        server.shutdown();
        server.awaitShutdown();
        whileDown.run();
        Thread.sleep(downtime.toMillis());
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(configFile(logDirectory))) {
            properties.load(reader);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        server.startup();
    }

    /** Returns the broker's properties file, which the format step and {@link #restart} read. */
    private static Path configFile(Path logDirectory) {
        return logDirectory.resolveSibling(logDirectory.getFileName() + ".properties");
    }

    /** Creates a topic and returns once the broker lists it, as the job's start check needs. */
    public void createTopic(String name, int partitions, Map<String, String> configs)
            throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            KafkaTopics.awaitListed(admin, List.of(name));
        }
    }

    /** Replaces the ACLs of {@code principal}, such as {@code User:name}, with {@code acls}. */
    public void replaceAcls(String principal, Collection<AclBinding> acls) throws Exception {
        try (Admin admin = admin()) {
            AclBindingFilter ofPrincipal =
                    new AclBindingFilter(
                            ResourcePatternFilter.ANY,
                            new AccessControlEntryFilter(
                                    principal, null, AclOperation.ANY, AclPermissionType.ANY));
            admin.deleteAcls(List.of(ofPrincipal)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            // The broker's authorizer applies the ACLs from the metadata log a moment later.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!new HashSet<>(
                            admin.describeAcls(ofPrincipal).values().get(30, TimeUnit.SECONDS))
                    .equals(new HashSet<>(acls))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the broker does not show the ACLs of " + principal + " after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    /** Sends records to {@code partition} (or by key when null) and waits for the acks. */
    public void send(String topic, Integer partition, List<String[]> keysAndValues)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String[] keyAndValue : keysAndValues) {
                producer.send(
                                new ProducerRecord<>(
                                        topic, partition, keyAndValue[0], keyAndValue[1]))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends raw values without keys to {@code partition}, in order, and waits for the acks. */
    public void sendBytes(String topic, int partition, List<byte[]> values) throws Exception {
        Properties properties = clientProperties();
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends values without keys to {@code partition} and waits for the acks. */
    public void sendValues(String topic, int partition, List<String> values) throws Exception {
        List<String[]> records = new ArrayList<>();
        for (String value : values) {
            records.add(new String[] {null, value});
        }
        send(topic, partition, records);
    }

    /** Reads {@code topic} from its beginning until {@code count} records or the timeout. */
    public List<ConsumerRecord<String, String>> read(String topic, int count, Duration timeout) {
        Properties properties = clientProperties();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = clientProperties();
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Returns the properties of the helper's clients: the brokers and the admin user's login. */
    private Properties clientProperties() {
        Properties properties = security.adminClientProperties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        try (var files = Files.walk(logDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
        // With a SASL_SSL listener, the broker's config file contains its passwords.
        Files.deleteIfExists(
                logDirectory.resolveSibling(logDirectory.getFileName() + ".properties"));
        security.deleteFiles();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
