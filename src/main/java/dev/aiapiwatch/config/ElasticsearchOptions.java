package dev.aiapiwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Options of the Elasticsearch sink. Credentials are never option values: the password and the API
 * key come from environment variables or from files, and are read where they are used, so the job
 * graph carries only where to find them.
 */
public final class ElasticsearchOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String URL = "--elasticsearch-url";
    public static final String INDEX_PREFIX = "--elasticsearch-index-prefix";
    public static final String USERNAME = "--elasticsearch-username";
    public static final String PASSWORD_FILE = "--elasticsearch-password-file";
    public static final String API_KEY_FILE = "--elasticsearch-api-key-file";
    public static final String CA_CERTIFICATE = "--elasticsearch-ca-certificate";
    public static final String TEMPLATE = "--elasticsearch-template";
    public static final String ILM_POLICY = "--elasticsearch-ilm-policy";
    public static final String BULK_ACTIONS = "--elasticsearch-bulk-actions";
    public static final String FLUSH_INTERVAL = "--elasticsearch-flush-interval";
    public static final String MAX_RETRIES = "--elasticsearch-max-retries";

    /** Environment variable with the password of {@link #USERNAME}. */
    public static final String PASSWORD_VARIABLE = "ELASTICSEARCH_PASSWORD";

    /** Environment variable with an API key, in the encoded form Elasticsearch returns. */
    public static final String API_KEY_VARIABLE = "ELASTICSEARCH_API_KEY";

    public static final String DEFAULT_INDEX_PREFIX = "ai-api-watch-risk";

    /**
     * Lower-case letters, digits, '-' and '_', not starting with '-' or '_', as index names allow.
     */
    private static final Pattern INDEX_PREFIX_FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,200}");

    private static final Pattern ILM_POLICY_FORM = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.repeatable(
                            URL,
                            "URL",
                            "Elasticsearch node, such as http://localhost:9200; repeatable or"
                                    + " comma-separated. Setting it writes risk records to"
                                    + " Elasticsearch instead of a file."),
                    OptionSpec.withValue(
                            INDEX_PREFIX,
                            "PREFIX",
                            "Records go to daily indices <PREFIX>-yyyy.MM.dd by window start (UTC)."
                                    + " Default: "
                                    + DEFAULT_INDEX_PREFIX
                                    + "."),
                    OptionSpec.withValue(
                            USERNAME,
                            "NAME",
                            "User for basic authentication; the password comes from the"
                                    + " environment variable "
                                    + PASSWORD_VARIABLE
                                    + " or from "
                                    + PASSWORD_FILE
                                    + "."),
                    OptionSpec.withValue(
                            PASSWORD_FILE,
                            "FILE",
                            "File whose first line is the password of " + USERNAME + "."),
                    OptionSpec.withValue(
                            API_KEY_FILE,
                            "FILE",
                            "File whose first line is an encoded API key; the environment"
                                    + " variable "
                                    + API_KEY_VARIABLE
                                    + " works too. Used instead of a user and password."),
                    OptionSpec.withValue(
                            CA_CERTIFICATE,
                            "FILE",
                            "PEM file of the certificate authority that signed the nodes' HTTPS"
                                    + " certificates. Default: the JVM's trusted authorities."),
                    OptionSpec.withValue(
                            TEMPLATE,
                            "MODE",
                            "install: create or update the index template at start; check: only"
                                    + " verify that it exists (for a user with the monitor instead"
                                    + " of the manage_index_templates cluster privilege); skip."
                                    + " Default: install."),
                    OptionSpec.withValue(
                            ILM_POLICY,
                            "NAME",
                            "Index lifecycle policy that the index template gives the record"
                                    + " indices, such as the one in"
                                    + " deploy/elasticsearch/ilm-policy.json. Default: none."),
                    OptionSpec.withValue(
                            BULK_ACTIONS,
                            "N",
                            "Maximum number of documents in one bulk request. Default: 500."),
                    OptionSpec.withValue(
                            FLUSH_INTERVAL,
                            "DURATION",
                            "Maximum time a document waits in the buffer before it is sent."
                                    + " Default: 1s."),
                    OptionSpec.withValue(
                            MAX_RETRIES,
                            "N",
                            "How many times a bulk request that failed as a whole is retried,"
                                    + " with exponential back-off up to 1 minute, before the job"
                                    + " fails and Flink restarts it from its last checkpoint."
                                    + " Default: 8."));

    /** Handling of the index template at start. */
    public enum TemplateMode {
        INSTALL,
        CHECK,
        SKIP
    }

    private List<String> urls;
    private String indexPrefix;
    private String username;
    private String passwordFile;
    private String apiKeyFile;
    private String caCertificate;
    private TemplateMode templateMode;
    private String ilmPolicy;
    private int bulkActions;
    private Duration flushInterval;
    private int maxRetries;

    private ElasticsearchOptions() {}

    /** Returns whether any Elasticsearch option is on the command line. */
    static boolean anyGiven(CommandLine line) {
        return SPECS.stream().anyMatch(spec -> line.has(spec.name()));
    }

    /**
     * Parses the Elasticsearch options, or returns null when none is given.
     *
     * @throws InvalidOptionException naming the option, the value and what is accepted
     */
    static ElasticsearchOptions parse(CommandLine line) throws InvalidOptionException {
        if (!anyGiven(line)) {
            return null;
        }
        if (!line.has(URL)) {
            throw new InvalidOptionException(
                    "Elasticsearch options need "
                            + URL
                            + ", for example "
                            + URL
                            + " http://localhost:9200.");
        }
        ElasticsearchOptions options = new ElasticsearchOptions();
        List<String> urls = new ArrayList<>();
        for (String value : line.values(URL)) {
            for (String url : value.split(",")) {
                urls.add(checkUrl(url.strip()));
            }
        }
        options.urls = List.copyOf(urls);

        options.indexPrefix = line.value(INDEX_PREFIX, DEFAULT_INDEX_PREFIX);
        if (!INDEX_PREFIX_FORM.matcher(options.indexPrefix).matches()) {
            throw InvalidOptionException.invalidValue(
                    INDEX_PREFIX,
                    options.indexPrefix,
                    "lower-case letters, digits, '-' and '_', starting with a letter or digit");
        }

        options.username = line.value(USERNAME, null);
        options.passwordFile = existingFile(line, PASSWORD_FILE);
        options.apiKeyFile = existingFile(line, API_KEY_FILE);
        options.caCertificate = existingFile(line, CA_CERTIFICATE);
        if (options.caCertificate != null) {
            checkCertificates(options.caCertificate);
        }
        if (options.passwordFile != null && options.username == null) {
            throw new InvalidOptionException(PASSWORD_FILE + " needs " + USERNAME + ".");
        }
        if (options.apiKeyFile != null && options.username != null) {
            throw new InvalidOptionException(
                    "Give either " + USERNAME + " or " + API_KEY_FILE + ", not both.");
        }

        String mode = line.value(TEMPLATE, "install");
        try {
            options.templateMode = TemplateMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidOptionException.invalidValue(TEMPLATE, mode, "install, check or skip");
        }
        options.ilmPolicy = line.value(ILM_POLICY, null);
        if (options.ilmPolicy != null && !ILM_POLICY_FORM.matcher(options.ilmPolicy).matches()) {
            throw InvalidOptionException.invalidValue(
                    ILM_POLICY,
                    options.ilmPolicy,
                    "the name of a lifecycle policy: letters, digits, '-', '_' and '.'");
        }
        options.bulkActions = OptionValues.wholeNumber(line, BULK_ACTIONS, 500, 1);
        options.flushInterval = OptionValues.duration(line, FLUSH_INTERVAL, "1s", false);
        options.maxRetries = OptionValues.wholeNumber(line, MAX_RETRIES, 8, 1);
        return options;
    }

    /**
     * Returns the password of {@link #username()}: from {@link #PASSWORD_FILE} when given, else
     * from the environment; null when neither has one.
     */
    public String password(Map<String, String> environment) throws IOException {
        return secret(passwordFile, PASSWORD_FILE, "password", PASSWORD_VARIABLE, environment);
    }

    /** Returns the API key, from {@link #API_KEY_FILE} or the environment, or null. */
    public String apiKey(Map<String, String> environment) throws IOException {
        if (username != null) {
            return null;
        }
        return secret(apiKeyFile, API_KEY_FILE, "API key", API_KEY_VARIABLE, environment);
    }

    /**
     * Returns where the password of {@link #username()} or the API key is read from, for messages.
     * That is {@link #PASSWORD_FILE} or {@link #API_KEY_FILE} with the file, or the environment
     * variable, or null when there is no credential.
     */
    public String credentialSource(Map<String, String> environment) {
        if (username != null) {
            return passwordFile != null
                    ? PASSWORD_FILE + " " + passwordFile
                    : "the environment variable " + PASSWORD_VARIABLE;
        }
        if (apiKeyFile != null) {
            return API_KEY_FILE + " " + apiKeyFile;
        }
        String variable = environment.get(API_KEY_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return "the environment variable " + API_KEY_VARIABLE;
        }
        return null;
    }

    /**
     * Returns a warning when the environment has a credential that these options do not use, or
     * null. A user given with {@link #USERNAME} logs in with a password, so {@link
     * #API_KEY_VARIABLE} is not read; without a user, {@link #PASSWORD_VARIABLE} is not read.
     */
    public String unusedCredential(Map<String, String> environment) {
        if (username != null && isSet(environment.get(API_KEY_VARIABLE))) {
            return API_KEY_VARIABLE
                    + " is set but not used: "
                    + USERNAME
                    + " "
                    + username
                    + " logs in with a password. Unset "
                    + API_KEY_VARIABLE
                    + ", or leave out "
                    + USERNAME
                    + " to log in with the API key.";
        }
        if (username == null && isSet(environment.get(PASSWORD_VARIABLE))) {
            return PASSWORD_VARIABLE
                    + " is set but not used, as "
                    + USERNAME
                    + " is not given. Give "
                    + USERNAME
                    + " to log in with that password, or unset "
                    + PASSWORD_VARIABLE
                    + ".";
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String secret(
            String file,
            String option,
            String what,
            String variable,
            Map<String, String> environment)
            throws IOException {
        if (file != null) {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            String first = lines.isEmpty() ? "" : lines.get(0).strip();
            if (first.isEmpty()) {
                throw new MissingCredentialException(
                        "the first line of "
                                + file
                                + " ("
                                + option
                                + ") is empty; write the "
                                + what
                                + " on the first line of the file.");
            }
            return first;
        }
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String checkUrl(String url) throws InvalidOptionException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            String path = uri.getRawPath();
            boolean noPath = path == null || path.isEmpty() || path.equals("/");
            if (("http".equals(scheme) || "https".equals(scheme))
                    && uri.getHost() != null
                    && noPath
                    && uri.getRawQuery() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Reported below with the accepted form.
        }
        throw InvalidOptionException.invalidValue(
                URL,
                url,
                "an http or https URL with a host and no path, such as http://localhost:9200");
    }

    /** Checks that {@code file} contains at least one X.509 certificate, as PEM or DER. */
    private static void checkCertificates(String file) throws InvalidOptionException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw InvalidOptionException.invalidValue(
                        CA_CERTIFICATE, file, "a PEM file with the CA certificate; it has none");
            }
        } catch (IOException | CertificateException e) {
            throw InvalidOptionException.invalidValue(
                    CA_CERTIFICATE,
                    file,
                    "a PEM file with the CA certificate (-----BEGIN CERTIFICATE-----), but it"
                            + " cannot be read as one: "
                            + e.getMessage());
        }
    }

    private static String existingFile(CommandLine line, String option)
            throws InvalidOptionException {
        if (!line.has(option)) {
            return null;
        }
        String value = line.value(option, null);
        if (!Files.isRegularFile(Path.of(value))) {
            throw InvalidOptionException.invalidValue(option, value, "an existing file");
        }
        return Path.of(value).toAbsolutePath().toString();
    }

    public List<String> urls() {
        return urls;
    }

    public String indexPrefix() {
        return indexPrefix;
    }

    /** Returns the user for basic authentication, or null. */
    public String username() {
        return username;
    }

    /** Returns the CA certificate file, or null for the JVM's trusted authorities. */
    public String caCertificate() {
        return caCertificate;
    }

    public TemplateMode templateMode() {
        return templateMode;
    }

    /** Returns the index lifecycle policy of the record indices, or null for none. */
    public String ilmPolicy() {
        return ilmPolicy;
    }

    public int bulkActions() {
        return bulkActions;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * Returns the settings for the start log, with the credential that {@code environment} gives:
     * the user and where its password comes from, where the API key comes from, or none.
     */
    public String describe(Map<String, String> environment) {
        String source = credentialSource(environment);
        String authentication;
        if (username == null) {
            authentication = source != null ? "API key from " + source : "no credentials";
        } else if (passwordFile == null && !isSet(environment.get(PASSWORD_VARIABLE))) {
            authentication =
                    "user "
                            + username
                            + " without a password ("
                            + PASSWORD_VARIABLE
                            + " is not set)";
        } else {
            authentication = "user " + username + " with the password from " + source;
        }
        return "nodes "
                + urls
                + ", indices "
                + indexPrefix
                + "-yyyy.MM.dd, "
                + authentication
                + ", template "
                + templateMode.name().toLowerCase(Locale.ROOT);
    }
}
