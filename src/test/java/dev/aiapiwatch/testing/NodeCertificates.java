package dev.aiapiwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority and a node certificate signed by it, generated for one test node with the
 * distribution's {@code elasticsearch-certutil}.
 */
final class NodeCertificates {

    private final Path folder;

    private NodeCertificates(Path folder) {
        this.folder = folder;
    }

    /**
     * Generates a CA and a certificate for 127.0.0.1 and localhost signed by it, valid for two
     * days, as PEM files with unencrypted keys in {@code home/config/certs} of {@code work}.
     */
    static NodeCertificates create(Path work) throws IOException, InterruptedException {
        Path certificates = work.resolve("home/config/certs");
        Files.createDirectories(certificates);
        Path caZip = work.resolve("tmp/ca.zip");
        ElasticsearchDistribution.runTool(
                work,
                "elasticsearch-certutil",
                "ca",
                "--pem",
                "--days",
                "2",
                "--out",
                caZip.toString(),
                "--silent");
        unzip(caZip, certificates);
        Path nodeZip = work.resolve("tmp/node.zip");
        ElasticsearchDistribution.runTool(
                work,
                "elasticsearch-certutil",
                "cert",
                "--pem",
                "--ca-cert",
                certificates.resolve("ca/ca.crt").toString(),
                "--ca-key",
                certificates.resolve("ca/ca.key").toString(),
                "--name",
                "node",
                "--ip",
                "127.0.0.1",
                "--dns",
                "localhost",
                "--days",
                "2",
                "--out",
                nodeZip.toString(),
                "--silent");
        unzip(nodeZip, certificates);
        return new NodeCertificates(certificates);
    }

    /** Returns the PEM file of the CA certificate. */
    Path caCertificate() {
        return folder.resolve("ca/ca.crt");
    }

    /** Returns the PEM file of the node certificate. */
    Path nodeCertificate() {
        return folder.resolve("node/node.crt");
    }

    /** Returns the PEM file of the node's private key. */
    Path nodeKey() {
        return folder.resolve("node/node.key");
    }

    /** Returns a TLS context that trusts the CA only. */
    SSLContext trustingCa() throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        try (InputStream pem = Files.newInputStream(caCertificate())) {
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trustStore.setCertificateEntry("ca", certificate);
            }
        }
        TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException(zip + " has an entry outside its folder: " + entry);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
        }
    }
}
