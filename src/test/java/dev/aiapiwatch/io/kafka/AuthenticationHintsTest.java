package dev.aiapiwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.config.KafkaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationHintsTest {

    private static final String SCRAM_LOGIN =
            "security.protocol=SASL_SSL\n"
                    + "sasl.mechanism=SCRAM-SHA-512\n"
                    + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"watch\" password=\"%s\";\n";

    @TempDir Path directory;

    @Test
    void rejectedLoginNamesUserAndPasswordReference() throws Exception {
        KafkaOptions options =
                options(
                        "config.providers=env\n"
                                + "config.providers.env.class="
                                + "org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
                                + String.format(SCRAM_LOGIN, "${env:PATH}"));

        String hint =
                AuthenticationHints.hint(
                        new ExecutionException(new SaslAuthenticationException("invalid")),
                        options);

        assertThat(hint)
                .isEqualTo(
                        "The brokers rejected the SCRAM-SHA-512 login of user watch. Check the"
                                + " user name and password of sasl.jaas.config in the"
                                + " --kafka-properties file (the password comes from"
                                + " ${env:PATH}), and that the brokers have a SCRAM-SHA-512"
                                + " credential for that user.");
    }

    @Test
    void rejectedLoginOmitsLiteralPassword() throws Exception {
        KafkaOptions options = options(String.format(SCRAM_LOGIN, "s3cret-literal"));

        String hint = AuthenticationHints.hint(new SaslAuthenticationException("x"), options);

        assertThat(hint).contains("login of user watch").doesNotContain("s3cret-literal");
        assertThat(hint).doesNotContain("the password comes from");
    }

    @Test
    void handshakeWithoutTruststoreNamesProperty() throws Exception {
        KafkaOptions options = options("security.protocol=SSL\n");
        SslAuthenticationException failure =
                new SslAuthenticationException(
                        "SSL handshake failed", new SSLHandshakeException("PKIX path"));

        String hint = AuthenticationHints.hint(failure, options);

        assertThat(hint)
                .startsWith("The TLS handshake with the brokers failed, and no")
                .contains("Set ssl.truststore.location in the --kafka-properties file")
                .contains("ssl.truststore.type=PEM");
    }

    @Test
    void handshakeWithTruststoreNamesFile() throws Exception {
        Path certificate = Files.writeString(directory.resolve("ca.crt"), "");
        KafkaOptions options =
                options("security.protocol=SSL\nssl.truststore.location=" + certificate + "\n");

        String hint =
                AuthenticationHints.hint(
                        new SslAuthenticationException("SSL handshake failed"), options);

        assertThat(hint)
                .contains("Check that the truststore " + certificate)
                .contains("name the host of --kafka-bootstrap-servers");
    }

    @Test
    void otherAuthenticationFailureNamesProperties() throws Exception {
        KafkaOptions options = options(String.format(SCRAM_LOGIN, "x"));

        String hint =
                AuthenticationHints.hint(
                        new UnsupportedSaslMechanismException("SCRAM-SHA-256 not enabled"),
                        options);

        assertThat(hint)
                .isEqualTo(
                        "Check that security.protocol, sasl.mechanism and sasl.jaas.config in the"
                                + " --kafka-properties file match the brokers' listener.");
    }

    @Test
    void unrelatedFailureHasNoHint() throws Exception {
        KafkaOptions options = options(String.format(SCRAM_LOGIN, "x"));

        assertThat(AuthenticationHints.hint(new TimeoutException("no answer"), options)).isNull();
    }

    private KafkaOptions options(String properties) throws Exception {
        Path file = Files.writeString(directory.resolve("client.properties"), properties);
        return JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers", "127.0.0.1:9092",
                            "--telemetry-topic", "falcon-telemetry",
                            "--kafka-properties", file.toString()
                        })
                .kafka();
    }
}
