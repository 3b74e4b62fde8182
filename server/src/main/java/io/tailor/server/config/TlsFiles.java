package io.tailor.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PEM files HTTPS is served with.
 *
 * @param certificate the certificate chain, PEM ({@code -----BEGIN CERTIFICATE-----}), leaf first.
 * @param privateKey  its private key, PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA.
 */
public record TlsFiles(Path certificate, Path privateKey)
{
    /**
     * Validates that both files are readable.
     *
     * @param certificate certificate chain.
     * @param privateKey  private key.
     */
    public TlsFiles
    {
        if (certificate == null || privateKey == null)
        {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
        if (!Files.isReadable(certificate))
        {
            throw new IllegalArgumentException("--tls-cert " + certificate + " is not a readable file");
        }
        if (!Files.isReadable(privateKey))
        {
            throw new IllegalArgumentException("--tls-key " + privateKey + " is not a readable file");
        }
    }
}
