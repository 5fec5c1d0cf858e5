package dev.aiapiwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for IP address 127.0.0.1, valid for two days, made with the
 * JDK's keytool: the key and certificate in a PKCS12 keystore, and the certificate alone in a PEM
 * file that clients trust as the CA.
 */
final class LoopbackCertificate {

    private final Path keystore;
    private final Path certificate;

    private LoopbackCertificate(Path keystore, Path certificate) {
        this.keystore = keystore;
        this.certificate = certificate;
    }

    /** Creates the key pair and certificate in {@code directory}, protected by {@code password}. */
    static LoopbackCertificate create(Path directory, String password) throws IOException {
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("ca.crt");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=IP:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-file",
                certificate.toString());
        return new LoopbackCertificate(keystore, certificate);
    }

    /** Returns the PKCS12 keystore with the key and the certificate. */
    Path keystore() {
        return keystore;
    }

    /** Returns the PEM file of the certificate. */
    Path certificate() {
        return certificate;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " timed out after 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + arguments[0] + " ran", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(
                    "keytool "
                            + arguments[0]
                            + " failed with exit code "
                            + process.exitValue()
                            + ": "
                            + output);
        }
    }
}
