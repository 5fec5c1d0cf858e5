package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single Elasticsearch node with security on, for tests of the job against a cluster set up as in
 * production: HTTPS and transport TLS with a certificate authority and a node certificate generated
 * for each run (for 127.0.0.1 and localhost), roles from {@code roles.yml} and users of the file
 * realm. Each role given to {@link #start} gets a user of the same name. The user {@link #ADMIN}
 * has the built-in {@code superuser} role, and the test client of {@link #node()} reads and cleans
 * up as that user. The certificates and users live in the node's work folder, which {@link
 * #close()} deletes with the node.
 */
public final class SecuredElasticsearch implements AutoCloseable {

    /** The user of the test client, with the built-in superuser role. */
    public static final String ADMIN = "test-admin";

    private final ElasticsearchNode node;
    private final Path caCertificate;
    private final String password;

    private SecuredElasticsearch(ElasticsearchNode node, Path caCertificate, String password) {
        this.node = node;
        this.caCertificate = caCertificate;
        this.password = password;
    }

    /**
     * Starts a node with {@code roles} (role name to role descriptor, in the JSON form of the
     * create-role API) and one user per role, named like the role.
     */
    public static SecuredElasticsearch start(Map<String, JsonNode> roles) throws Exception {
        Path work = ElasticsearchDistribution.copy();
        try {
            Path config = work.resolve("home/config");
            NodeCertificates certificates = NodeCertificates.create(work);
            String password = randomPassword();
            writeRoles(config, roles);
            List<String> users = new ArrayList<>(roles.keySet());
            users.add(ADMIN);
            createUsers(work, users, password);
            Map<String, String> rolesByUser = new LinkedHashMap<>();
            roles.keySet().forEach(role -> rolesByUser.put(role, role));
            rolesByUser.put(ADMIN, "superuser");
            writeUserRoles(config, rolesByUser);

            ElasticsearchNode.Access access =
                    ElasticsearchNode.Access.https(certificates.trustingCa(), ADMIN, password);
            ElasticsearchNode node =
                    ElasticsearchNode.start(work, tlsSettings(certificates), access);
            return new SecuredElasticsearch(node, certificates.caCertificate(), password);
        } catch (Exception | Error e) {
            ElasticsearchDistribution.run("rm", "-rf", work.toString());
            throw e;
        }
    }

    /**
     * Returns the security settings: TLS on HTTP, and on transport too. No other node connects to
     * the transport port here, but Elasticsearch warns when security is on without transport TLS.
     */
    private static Map<String, String> tlsSettings(NodeCertificates certificates) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("xpack.security.enabled", "true");
        for (String layer : List.of("http", "transport")) {
            String prefix = "xpack.security." + layer + ".ssl.";
            settings.put(prefix + "enabled", "true");
            settings.put(prefix + "key", certificates.nodeKey().toString());
            settings.put(prefix + "certificate", certificates.nodeCertificate().toString());
            settings.put(
                    prefix + "certificate_authorities", certificates.caCertificate().toString());
        }
        settings.put("xpack.security.transport.ssl.verification_mode", "certificate");
        return settings;
    }

    /** Writes {@code roles.yml}: one line per role, the descriptor as JSON, which YAML accepts. */
    private static void writeRoles(Path config, Map<String, JsonNode> roles) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, JsonNode> role : roles.entrySet()) {
            yaml.append(role.getKey())
                    .append(": ")
                    .append(Json.mapper().writeValueAsString(role.getValue()))
                    .append('\n');
        }
        Files.writeString(config.resolve("roles.yml"), yaml, StandardCharsets.UTF_8);
    }

    /**
     * Adds {@code users} to the file realm, all with {@code password}. The tool hashes the password
     * once, and starts a JVM each time it runs, so the other users get a copy of the first one's
     * line of the {@code users} file ({@code name:hash}).
     */
    private static void createUsers(Path work, List<String> users, String password)
            throws IOException, InterruptedException {
        String first = users.get(0);
        ElasticsearchDistribution.runTool(
                work, "elasticsearch-users", "useradd", first, "-p", password);
        Path usersFile = work.resolve("home/config/users");
        String hash = null;
        for (String line : Files.readAllLines(usersFile, StandardCharsets.UTF_8)) {
            if (line.startsWith(first + ":")) {
                hash = line.substring(first.length() + 1);
            }
        }
        if (hash == null) {
            throw new IOException("elasticsearch-users wrote no line for " + first);
        }
        StringBuilder lines = new StringBuilder();
        for (String user : users) {
            lines.append(user).append(':').append(hash).append('\n');
        }
        Files.writeString(usersFile, lines, StandardCharsets.UTF_8);
    }

    /** Writes {@code users_roles}, whose lines are {@code role:user,user}. */
    private static void writeUserRoles(Path config, Map<String, String> rolesByUser)
            throws IOException {
        StringBuilder lines = new StringBuilder();
        rolesByUser.forEach(
                (user, role) -> lines.append(role).append(':').append(user).append('\n'));
        Files.writeString(config.resolve("users_roles"), lines, StandardCharsets.UTF_8);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns the node, with a test client that connects as {@link #ADMIN}. */
    public ElasticsearchNode node() {
        return node;
    }

    /** Returns the HTTPS URL, such as https://127.0.0.1:40123. */
    public String url() {
        return node.url();
    }

    /** Returns the PEM file of the CA that signed the node's certificate. */
    public Path caCertificate() {
        return caCertificate;
    }

    /** Returns the password of every user. */
    public String password() {
        return password;
    }

    /** Stops the node and deletes its work folder, certificates included. */
    @Override
    public void close() {
        node.close();
    }
}
