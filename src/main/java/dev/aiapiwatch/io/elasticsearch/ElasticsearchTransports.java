package dev.aiapiwatch.io.elasticsearch;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.MissingCredentialException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Creates Elasticsearch clients from the options. Credentials are read here, from the environment
 * or from their files, at the moment a client is created, and never logged.
 */
public final class ElasticsearchTransports {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int SOCKET_TIMEOUT_MILLIS = 60_000;

    private ElasticsearchTransports() {}

    /** Returns a transport for the typed client, on a new low-level REST client. */
    public static RestClientTransport create(ElasticsearchOptions options) throws IOException {
        return new RestClientTransport(restClient(options), new JacksonJsonpMapper());
    }

    static RestClient restClient(ElasticsearchOptions options) throws IOException {
        Map<String, String> environment = System.getenv();
        HttpHost[] hosts = options.urls().stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);

        List<Header> headers = new ArrayList<>();
        String apiKey = options.apiKey(environment);
        if (apiKey != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + apiKey));
        }
        builder.setDefaultHeaders(headers.toArray(new Header[0]));

        BasicCredentialsProvider credentials = null;
        if (options.username() != null) {
            String password = options.password(environment);
            if (password == null) {
                throw new MissingCredentialException(
                        "no password for Elasticsearch user "
                                + options.username()
                                + ": set the environment variable "
                                + ElasticsearchOptions.PASSWORD_VARIABLE
                                + " or give "
                                + ElasticsearchOptions.PASSWORD_FILE);
            }
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                    AuthScope.ANY, new UsernamePasswordCredentials(options.username(), password));
        }
        SSLContext sslContext =
                options.caCertificate() == null ? null : trusting(Path.of(options.caCertificate()));

        BasicCredentialsProvider basicAuth = credentials;
        builder.setHttpClientConfigCallback(
                http -> {
                    if (basicAuth != null) {
                        http.setDefaultCredentialsProvider(basicAuth);
                    }
                    if (sslContext != null) {
                        http.setSSLContext(sslContext);
                    }
                    return http;
                });
        builder.setRequestConfigCallback(
                request ->
                        request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                                .setSocketTimeout(SOCKET_TIMEOUT_MILLIS));
        return builder.build();
    }

    /** Returns a TLS context that trusts the certificates of a PEM file. */
    static SSLContext trusting(Path caCertificate) throws IOException {
        try (InputStream pem = Files.newInputStream(caCertificate)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IOException("no certificate found in " + caCertificate);
            }
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trustStore.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "cannot use " + caCertificate + " as a CA certificate: " + e.getMessage(), e);
        }
    }
}
