package io.tailor.server.api;

import io.tailor.server.config.TlsFiles;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS from PEM files: a self-signed certificate made for the test with the JDK's keytool (no key is
 * committed), converted to PEM, served, and trusted by the test's client only.
 */
class TlsApiTest
{
    private static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;

    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static ApiServer api;
    private static Certificate certificate;
    private static TlsFiles tls;

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
        certificate = keyStore.getCertificate("tailor");
        final PrivateKey key = (PrivateKey)keyStore.getKey("tailor", PASSWORD.toCharArray());
        final Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        final Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));

        tls = new TlsFiles(certPem, keyPem);
        api = ApiServer.builder().keys(KEYS.file()).tls(tls).start();
    }

    @AfterAll
    static void stop()
    {
        if (api != null)
        {
            api.close();
        }
    }

    @Test
    void shouldServeTheApiOverHttpsWithKeys() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate))
            .connectTimeout(Duration.ofSeconds(30)).build();
        final String url = api.server().url();

        final HttpResponse<String> withKey = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/ping"))
            .header("Authorization", "Bearer " + KEYS.only(Scope.RECS_READ)).build(),
            HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> withoutKey = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/ping"))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(url).startsWith("https://127.0.0.1:");
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).contains("ok");
        assertThat(withoutKey.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldWarmUpThroughItsOwnHttpsPort()
    {
        try (ApiServer node = ApiServer.builder().keys(KEYS.file()).tls(tls).warmUp(Duration.ofSeconds(3)).start())
        {
            final ServedPathWarmUp warmUp = node.server().warmUp();

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(warmUp::done);

            assertThat(warmUp.outcome()).isIn("settled", "longest reached");
            assertThat(warmUp.answeredOk()).as("answered over TLS").isPositive().isEqualTo(warmUp.answered());
        }
    }

    @Test
    void shouldNotBeReachableByAClientThatDoesNotTrustTheCertificate()
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(api.server().url() + "/health/live"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldNotAnswerPlainHttpOnTheTlsPort()
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        final URI plain = URI.create("http://127.0.0.1:" + api.server().port() + "/health/live");

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    private static SSLContext trusting(final Certificate certificate) throws GeneralSecurityException, IOException
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tailor", certificate);
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }
}
