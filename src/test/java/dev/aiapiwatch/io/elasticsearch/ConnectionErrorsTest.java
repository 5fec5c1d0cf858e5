package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

class ConnectionErrorsTest {

    private static final String URL = "https://es-1:9200";

    private static ElasticsearchOptions options(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--elasticsearch-url", URL));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).elasticsearch();
    }

    @Test
    void untrustedCertificateNamesCaOption() throws Exception {
        SSLHandshakeException handshake = untrusted();

        assertThat(ConnectionErrors.unreachable(options(), handshake))
                .isEqualTo(
                        "TLS handshake with Elasticsearch at ["
                                + URL
                                + "] failed: its certificate is not signed by the JVM's trusted"
                                + " certificate authorities, as --elasticsearch-ca-certificate is"
                                + " not given (PKIX path building failed). Give the PEM file of"
                                + " the certificate authority that signed the cluster's HTTP"
                                + " certificates with --elasticsearch-ca-certificate.");
    }

    @Test
    void untrustedCertificateNamesGivenCa() throws Exception {
        Path ca = Path.of("src/test/resources/certificates/test-ca.crt");

        assertThat(
                        ConnectionErrors.unreachable(
                                options("--elasticsearch-ca-certificate", ca.toString()),
                                untrusted()))
                .contains(
                        "not signed by the CA certificate in --elasticsearch-ca-certificate "
                                + ca.toAbsolutePath());
    }

    @Test
    void hostNameMismatchNamesUrlOption() throws Exception {
        SSLPeerUnverifiedException mismatch =
                new SSLPeerUnverifiedException(
                        "Host name 'es-1' does not match the certificate subject provided by the"
                                + " peer (CN=node)");

        assertThat(ConnectionErrors.unreachable(options(), mismatch))
                .startsWith(
                        "the TLS certificate of Elasticsearch at ["
                                + URL
                                + "] does not name the host of --elasticsearch-url")
                .endsWith("Use a host name or address that the certificate lists.");
    }

    @Test
    void closedConnectionOnHttpUrlNamesHttps() throws Exception {
        ElasticsearchOptions plain =
                JobOptions.parse(new String[] {"--elasticsearch-url", "http://es-1:9200"})
                        .elasticsearch();
        ConnectionClosedException closed = new ConnectionClosedException();

        assertThat(ConnectionErrors.unreachable(plain, closed))
                .contains("closed the connection")
                .endsWith("use an https:// URL in --elasticsearch-url.");
        assertThat(ConnectionErrors.unreachable(options(), closed)).isNull();
    }

    @Test
    void otherErrorsLeftAlone() throws Exception {
        assertThat(ConnectionErrors.unreachable(options(), new IOException("disk full"))).isNull();
    }

    private static SSLHandshakeException untrusted() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path"));
        return handshake;
    }
}
