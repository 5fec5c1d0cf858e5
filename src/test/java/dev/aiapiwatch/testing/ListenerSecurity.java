package dev.aiapiwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Security of the client listener of {@link EmbeddedKafka}: plain text, or SASL_SSL with
 * SCRAM-SHA-512 and a self-signed certificate for 127.0.0.1 that is made for each broker, with or
 * without ACLs enforced. The controller listener stays plain text on the loopback interface.
 */
public final class ListenerSecurity {

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** SCRAM user of the broker's own inter-broker client and of the test helper's clients. */
    public static final String ADMIN_USER = "admin";

    private static final String SCRAM_LOGIN_MODULE =
            "org.apache.kafka.common.security.scram.ScramLoginModule";

    private final String protocol;
    private final Map<String, String> scramUsers;
    private final Path directory;
    private final String keystorePassword;
    private final LoopbackCertificate certificate;
    private final boolean authorizer;

    private ListenerSecurity(
            String protocol,
            Map<String, String> scramUsers,
            Path directory,
            String keystorePassword,
            LoopbackCertificate certificate,
            boolean authorizer) {
        this.protocol = protocol;
        this.scramUsers = scramUsers;
        this.directory = directory;
        this.keystorePassword = keystorePassword;
        this.certificate = certificate;
        this.authorizer = authorizer;
    }

    /** Returns a plain-text listener without authentication. */
    public static ListenerSecurity plaintext() {
        return new ListenerSecurity("PLAINTEXT", Map.of(), null, null, null, false);
    }

    /**
     * Returns this listener with Kafka's ACL authorizer on: a user may do only what an ACL allows,
     * except {@link #ADMIN_USER} and the controller listener's anonymous principal, which are super
     * users.
     */
    public ListenerSecurity withAuthorizer() {
        return new ListenerSecurity(
                protocol, scramUsers, directory, keystorePassword, certificate, true);
    }

    /**
     * Returns a SASL_SSL listener whose SCRAM-SHA-512 credentials are {@code users} (name to
     * password) and an {@link #ADMIN_USER} with a random password. Names and passwords go unquoted
     * into the format tool's {@code [name=...,password=...]} syntax, so keep them to letters,
     * digits and dashes. Generates the broker's key and certificate with the JDK's keytool.
     */
    public static ListenerSecurity saslSsl(Map<String, String> users) throws IOException {
        Map<String, String> scramUsers = new LinkedHashMap<>(users);
        scramUsers.put(ADMIN_USER, randomPassword());
        Path directory = Files.createTempDirectory("ai-api-watch-kafka-tls-");
        String keystorePassword = randomPassword();
        return new ListenerSecurity(
                "SASL_SSL",
                scramUsers,
                directory,
                keystorePassword,
                LoopbackCertificate.create(directory, keystorePassword),
                false);
    }

    /** Returns the security protocol, which is also the name of the client listener. */
    String protocol() {
        return protocol;
    }

    /** Returns whether clients must authenticate and use TLS. */
    public boolean secured() {
        return directory != null;
    }

    /**
     * Returns the PEM file of the broker's self-signed certificate: the CA that a client's
     * truststore must contain.
     */
    public Path certificate() {
        return certificate.certificate();
    }

    /** Adds the settings of the client listener's TLS and SASL to the broker properties. */
    void configureBroker(Properties broker) {
        if (!secured()) {
            return;
        }
        broker.setProperty("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        broker.setProperty("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        broker.setProperty(
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                jaasConfig(ADMIN_USER, scramUsers.get(ADMIN_USER)));
        broker.setProperty("ssl.keystore.type", "PKCS12");
        broker.setProperty("ssl.keystore.location", certificate.keystore().toString());
        broker.setProperty("ssl.keystore.password", keystorePassword);
        // The inter-broker client checks the broker's certificate like any other client.
        broker.setProperty("ssl.truststore.type", "PEM");
        broker.setProperty("ssl.truststore.location", certificate().toString());
        if (authorizer) {
            broker.setProperty(
                    "authorizer.class.name",
                    "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // The controller listener is plain text, so the broker reaches its controller as the
            // anonymous principal.
            broker.setProperty("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS");
        }
    }

    /** Returns the arguments of the storage tool's format command that add the SCRAM users. */
    List<String> formatArguments() {
        List<String> arguments = new ArrayList<>();
        for (Map.Entry<String, String> user : scramUsers.entrySet()) {
            arguments.add("--add-scram");
            arguments.add(
                    SCRAM_MECHANISM
                            + "=[name="
                            + user.getKey()
                            + ",password="
                            + user.getValue()
                            + "]");
        }
        return arguments;
    }

    /** Returns the security properties of a client that connects as {@link #ADMIN_USER}. */
    Properties adminClientProperties() {
        Properties client = new Properties();
        if (secured()) {
            client.setProperty("security.protocol", protocol);
            client.setProperty("sasl.mechanism", SCRAM_MECHANISM);
            client.setProperty(
                    "sasl.jaas.config", jaasConfig(ADMIN_USER, scramUsers.get(ADMIN_USER)));
            client.setProperty("ssl.truststore.type", "PEM");
            client.setProperty("ssl.truststore.location", certificate().toString());
        }
        return client;
    }

    /** Deletes the key and certificate files. */
    void deleteFiles() throws IOException {
        if (!secured()) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static String jaasConfig(String user, String password) {
        return SCRAM_LOGIN_MODULE
                + " required username=\""
                + user
                + "\" password=\""
                + password
                + "\";";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
