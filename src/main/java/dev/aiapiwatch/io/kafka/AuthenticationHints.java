package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.config.KafkaOptions;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * The fix for a TLS handshake or SASL login that the brokers rejected, in terms of the client
 * properties. Kafka's own messages name neither the property to change nor the file it is in. The
 * hints quote the user name and a config-provider reference from {@code sasl.jaas.config}, never a
 * password.
 */
final class AuthenticationHints {

    private static final Pattern USER_NAME = Pattern.compile("\\busername\\s*=\\s*\"([^\"]*)\"");

    /** A password that is only a config-provider reference, such as {@code ${env:VARIABLE}}. */
    private static final Pattern PASSWORD_REFERENCE =
            Pattern.compile("\\bpassword\\s*=\\s*\"(\\$\\{[^}\"]+})\"");

    private AuthenticationHints() {}

    /**
     * Returns what to change when {@code failure} or one of its causes is an authentication
     * failure, or null when none is.
     */
    static String hint(Throwable failure, KafkaOptions options) {
        Properties properties = options.clientProperties();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return tlsHint(properties);
            }
            if (cause instanceof SaslAuthenticationException) {
                return loginHint(properties);
            }
            if (cause instanceof AuthenticationException) {
                return "Check that security.protocol, sasl.mechanism and sasl.jaas.config in the "
                        + KafkaOptions.KAFKA_PROPERTIES
                        + " file match the brokers' listener.";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /**
     * Returns what to check when topics look missing to a client that logs in, because a broker
     * that enforces ACLs lists only the topics the user may describe. Returns null for a plain-text
     * client.
     */
    static String hiddenTopicsHint(KafkaOptions options) {
        Properties properties = options.clientProperties();
        String protocol = properties.getProperty("security.protocol", "PLAINTEXT");
        if (protocol.equalsIgnoreCase("PLAINTEXT")) {
            return null;
        }
        Matcher user = USER_NAME.matcher(properties.getProperty("sasl.jaas.config", ""));
        String principal = user.find() ? "user " + user.group(1) : "the client's principal";
        return "If the brokers enforce ACLs, they list only the topics that "
                + principal
                + " may describe: it needs Read on the topics it reads and Write on the"
                + " dead-letter topic, each of which includes Describe, as"
                + " deploy/kafka/user.yaml grants.";
    }

    private static String tlsHint(Properties properties) {
        String truststore = properties.getProperty("ssl.truststore.location");
        if (truststore == null) {
            return "The TLS handshake with the brokers failed, and no ssl.truststore.location is"
                    + " set, so the JVM's default truststore was used. Set ssl.truststore.location"
                    + " in the "
                    + KafkaOptions.KAFKA_PROPERTIES
                    + " file to the CA certificate that signed the brokers' certificates, with"
                    + " ssl.truststore.type=PEM for a PEM file.";
        }
        return "The TLS handshake with the brokers failed. Check that the truststore "
                + truststore
                + " of ssl.truststore.location contains the CA certificate that signed the"
                + " brokers' certificates, and that those certificates name the host of "
                + KafkaOptions.BOOTSTRAP_SERVERS
                + ".";
    }

    private static String loginHint(Properties properties) {
        String jaasConfig = properties.getProperty("sasl.jaas.config", "");
        String mechanism = properties.getProperty("sasl.mechanism", "GSSAPI");
        Matcher user = USER_NAME.matcher(jaasConfig);
        Matcher passwordReference = PASSWORD_REFERENCE.matcher(jaasConfig);
        StringBuilder hint = new StringBuilder("The brokers rejected the ");
        hint.append(mechanism).append(" login");
        if (user.find()) {
            hint.append(" of user ").append(user.group(1));
        }
        hint.append(". Check the user name and password of sasl.jaas.config in the ")
                .append(KafkaOptions.KAFKA_PROPERTIES)
                .append(" file");
        if (passwordReference.find()) {
            hint.append(" (the password comes from ")
                    .append(passwordReference.group(1))
                    .append(')');
        }
        hint.append(", and that the brokers have a ")
                .append(mechanism)
                .append(" credential for that user.");
        return hint.toString();
    }
}
