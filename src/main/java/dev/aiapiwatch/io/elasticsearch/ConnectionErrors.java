package dev.aiapiwatch.io.elasticsearch;

import dev.aiapiwatch.config.ElasticsearchOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.ConnectionClosedException;

/**
 * Messages for Elasticsearch requests that got no response: a refused connection, a failed TLS
 * handshake or a closed connection. Each names the option to fix.
 */
final class ConnectionErrors {

    private ConnectionErrors() {}

    /**
     * Returns the message for a request that got no response, naming the option to fix. It covers a
     * refused connection, an untrusted or mismatched certificate and a TLS mismatch, and returns
     * null for other errors.
     */
    static String unreachable(ElasticsearchOptions options, IOException e) {
        String nodes = "Elasticsearch at " + options.urls();
        if (e instanceof ConnectException) {
            return "cannot connect to "
                    + nodes
                    + " ("
                    + e.getMessage()
                    + "). Check "
                    + ElasticsearchOptions.URL
                    + " and that the cluster is up.";
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return "the TLS certificate of "
                    + nodes
                    + " does not name the host of "
                    + ElasticsearchOptions.URL
                    + " ("
                    + e.getMessage()
                    + "). Use a host name or address that the certificate lists.";
        }
        if (e instanceof SSLHandshakeException && hasCertificateCause(e)) {
            String trusted =
                    options.caCertificate() == null
                            ? "the JVM's trusted certificate authorities, as "
                                    + ElasticsearchOptions.CA_CERTIFICATE
                                    + " is not given"
                            : "the CA certificate in "
                                    + ElasticsearchOptions.CA_CERTIFICATE
                                    + " "
                                    + options.caCertificate();
            return "TLS handshake with "
                    + nodes
                    + " failed: its certificate is not signed by "
                    + trusted
                    + " ("
                    + e.getMessage()
                    + "). Give the PEM file of the certificate authority that signed the"
                    + " cluster's HTTP certificates with "
                    + ElasticsearchOptions.CA_CERTIFICATE
                    + ".";
        }
        if (e instanceof SSLException) {
            return "TLS with "
                    + nodes
                    + " failed ("
                    + e.getMessage()
                    + "). If the cluster serves plain HTTP, use an http:// URL in "
                    + ElasticsearchOptions.URL
                    + ".";
        }
        if (e instanceof ConnectionClosedException && hasPlainHttpUrl(options)) {
            return nodes
                    + " closed the connection ("
                    + e.getMessage()
                    + "). If the cluster serves HTTPS (xpack.security.http.ssl.enabled), use an"
                    + " https:// URL in "
                    + ElasticsearchOptions.URL
                    + ".";
        }
        return null;
    }

    private static boolean hasCertificateCause(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException
                    || cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPlainHttpUrl(ElasticsearchOptions options) {
        return options.urls().stream().anyMatch(url -> url.startsWith("http://"));
    }
}
