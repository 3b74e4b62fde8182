package io.tailor.client;

import io.tailor.server.api.ApiServer;
import io.tailor.server.config.TlsFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS with the JDK's TLS: a node serving a self-signed certificate made with keytool for the test (no key is
 * committed), a client trusting it through its {@link SSLContext}, and one that does not.
 */
class TailorClientTlsTest
{
    private static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;

    private static ApiServer node;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception
    {
        final Path store = dir.resolve("server.p12");
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
            .toString(), "-genkeypair", "-alias", "tailor", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        final Certificate certificate = keyStore.getCertificate("tailor");
        final PrivateKey key = (PrivateKey)keyStore.getKey("tailor", PASSWORD.toCharArray());
        final Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        final Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        node = ApiServer.builder().tls(new TlsFiles(certPem, keyPem)).start();

        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tailor", certificate);
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, factory.getTrustManagers(), null);
    }

    @AfterAll
    static void stop()
    {
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    void shouldSendAndRecommendOverHttpsWithTheGivenContext() throws Exception
    {
        try (TailorClient client = TailorClient.builder().endpoint(URI.create(node.server().url()))
            .sslContext(trusting).deadline(Duration.ofSeconds(20)).build())
        {
            final BatchResult products = client.upsertProducts(List.of(java.util.Map.of("id", "tls-1",
                "category", "a", "price", 1))).get(60, TimeUnit.SECONDS);
            node.awaitProduct("tls-1");
            final BatchResult events = client.sendEvents(List.of(Event.view("tls-user", "tls-1")))
                .get(60, TimeUnit.SECONDS);
            final Recommendations answer = client.recommend(RecommendationRequest.forAnonymous("tls-visitor")
                .build()).get(60, TimeUnit.SECONDS);

            assertThat(node.server().url()).startsWith("https://");
            assertThat(products.stored()).isEqualTo(1);
            assertThat(events.stored()).isEqualTo(1);
            assertThat(answer.fallback()).as(answer.fallbackReason()).isFalse();
        }
    }

    @Test
    void shouldNotTalkToANodeWhoseCertificateItDoesNotTrust() throws Exception
    {
        try (TailorClient client = TailorClient.builder().endpoint(URI.create(node.server().url()))
            .connectTimeout(Duration.ofSeconds(20)).retry(RetryPolicy.NONE).build())
        {
            final Recommendations answer = client.recommend(RecommendationRequest.forAnonymous("v")
                .deadline(Duration.ofSeconds(20)).build()).get(60, TimeUnit.SECONDS);

            assertThat(answer.fallback()).isTrue();
            assertThat(answer.fallbackReason()).contains("SSLHandshakeException");
            assertThatThrownBy(() -> client.sendEvents(List.of(Event.view("u", "tls-1"))).get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TailorClientException.class);
        }
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }
}
