package io.tailor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeFileTest
{
    private static final String COMPOSE_FILE = "deploy/docker-compose.yml";

    @Test
    void shouldPassDockerComposeConfigValidation()
    {
        final Tools.Result result = Tools.run(DeployFiles.root(), Tools.DOCKER_COMPOSE, "-f", COMPOSE_FILE,
            "config", "-q");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldRunThreeNodesThatJoinEachOtherWithAVolumeAndHealthCheckEach()
    {
        final JsonNode services = resolved().path("services");
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        final Set<String> volumes = new HashSet<>();

        assertThat(names).hasSize(3);
        for (final String name : names)
        {
            final JsonNode service = services.path(name);
            final Map<String, String> env = environment(service);
            assertThat(env.getOrDefault("TAILOR_JOIN", "").split(",")).as(name + " TAILOR_JOIN")
                .containsExactlyInAnyOrderElementsOf(names.stream().map(n -> n + ":5701").toList());
            assertThat(service.path("healthcheck").path("test").toString()).as(name).contains("/health/ready");
            assertThat(service.path("restart").asText()).as(name).isIn("unless-stopped", "always", "on-failure");
            assertThat(service.path("stop_grace_period").asText()).as(name).isNotEmpty();
            final List<String> data = new ArrayList<>();
            for (final JsonNode volume : service.path("volumes"))
            {
                // docker-compose 1.x prints "source:target:mode", 2.x an object.
                final String[] parts = volume.isTextual() ? volume.asText().split(":") : new String[]
                    {volume.path("source").asText(), volume.path("target").asText()};
                if ("/var/lib/tailor".equals(parts[1]))
                {
                    data.add(parts[0]);
                }
            }
            assertThat(data).as(name + " data volume").hasSize(1);
            assertThat(volumes.add(data.get(0))).as(name + " has its own data volume").isTrue();
            assertThat(env.keySet()).filteredOn(key -> key.startsWith("TAILOR_"))
                .allSatisfy(key -> assertThat(ContractEnvironment.NAMES).contains(key));
            assertThat(env).as("the entry point chooses the HTTP bind address").doesNotContainKey("TAILOR_HOST");
        }
    }

    @Test
    void shouldNeverPublishTheGridPortNorHttpBeyondLoopback()
    {
        final JsonNode services = resolved().path("services");
        services.fieldNames().forEachRemaining(name ->
        {
            assertThat(services.path(name).path("ports")).as(name + " ports").isNotEmpty();
            for (final JsonNode port : services.path(name).path("ports"))
            {
                // docker-compose 1.x prints "host_ip:published:target/protocol", 2.x an object.
                final String[] parts = port.isTextual() ? port.asText().replaceAll("/.*$", "").split(":") :
                    new String[]{port.path("host_ip").asText(), port.path("published").asText(),
                        port.path("target").asText()};
                assertThat(parts).as(name + " port " + port).hasSize(3);
                assertThat(parts[0]).as(name + " published on").isEqualTo("127.0.0.1");
                assertThat(parts[2]).as(name + " published port").isEqualTo("8080");
            }
        });
    }

    /**
     * The compose file as docker-compose resolves it (anchors merged, defaults filled in).
     */
    private static JsonNode resolved()
    {
        final Tools.Result result = Tools.run(DeployFiles.root(), Tools.DOCKER_COMPOSE, "-f", COMPOSE_FILE, "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        try
        {
            return Yaml.MAPPER.readTree(result.output());
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError("docker-compose config printed no YAML: " + result.output(), ex);
        }
    }

    private static Map<String, String> environment(final JsonNode service)
    {
        final Map<String, String> env = new TreeMap<>();
        service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}
