package com.goafwatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by Debian's openssl for one test run: the PEM file
 * HAProxy's {@code ssl crt} reads (certificate, then key), and clients that trust exactly this certificate and
 * nothing else (an {@link SSLContext}; Chromium's SPKI pin).
 */
public final class ThrowawayTls {

    private final Path pem;
    private final X509Certificate certificate;

    private ThrowawayTls(Path pem, X509Certificate certificate) {
        this.pem = pem;
        this.certificate = certificate;
    }

    /** Makes a new key and certificate (P-256, valid for two days) in {@code dir}. */
    public static ThrowawayTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("key.pem");
            Path cert = dir.resolve("cert.pem");
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
            String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (openssl.waitFor() != 0) {
                throw new IllegalStateException("openssl req failed: " + out);
            }
            Path pem = dir.resolve("site.pem");
            Files.writeString(pem, Files.readString(cert) + Files.readString(key));
            try (InputStream in = Files.newInputStream(cert)) {
                return new ThrowawayTls(pem, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * This certificate and key written over {@code target} (a temporary file, then an atomic rename, so HAProxy never
     * reads half a file), as an operator installs a renewed certificate where the config names it.
     */
    public ThrowawayTls installedAt(Path target) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".new");
            Files.copy(pem, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new ThrowawayTls(target, certificate);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Certificate and private key in one file, as HAProxy's {@code crt} wants them. */
    public Path pem() {
        return pem;
    }

    /** TLS that trusts this certificate only (not the JDK's CAs), with the usual host name check. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("throwaway", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 SHA-256 of the public key, for Chromium's {@code --ignore-certificate-errors-spki-list} (trusts this key only). */
    public String spkiSha256() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
