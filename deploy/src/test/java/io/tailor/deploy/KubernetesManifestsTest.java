package io.tailor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesManifestsTest
{
    private static final StrictKubernetesModel MODEL = new StrictKubernetesModel();
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();
    private static final List<HasMetadata> OBJECTS = new ArrayList<>();
    private static final List<String> PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(DeployFiles.deploy("k8s")))
        {
            files = walk.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                .sorted()
                .toList();
        }
        assertThat(files).isNotEmpty();
        for (final Path file : files)
        {
            for (final JsonNode document : Yaml.documents(file))
            {
                DOCUMENTS.add(document);
                try
                {
                    OBJECTS.add(MODEL.read(document));
                }
                catch (final IllegalArgumentException ex)
                {
                    PROBLEMS.add(DeployFiles.deployDir().relativize(file) + ": " + ex.getMessage());
                }
            }
        }
    }

    @Test
    void shouldKnowTheKubernetesKinds()
    {
        assertThat(MODEL.knows("apps/v1", "StatefulSet")).isTrue();
        assertThat(MODEL.knows("v1", "Service")).isTrue();
        assertThat(MODEL.knows("policy/v1", "PodDisruptionBudget")).isTrue();
        assertThat(MODEL.knows("monitoring.coreos.com/v1", "ServiceMonitor")).isTrue();
        assertThat(MODEL.knows("apps/v1", "StatefullSet")).isFalse();
    }

    @Test
    void shouldValidateEveryManifestStrictlyAgainstTheKubernetesModel()
    {
        assertThat(PROBLEMS).isEmpty();
        assertThat(OBJECTS).extracting(HasMetadata::getKind).contains(
            "StatefulSet", "Service", "PodDisruptionBudget", "ConfigMap", "NetworkPolicy", "ServiceMonitor");
    }

    @Test
    void shouldRejectAMisspeltField()
    {
        final ObjectNode statefulSet = document("StatefulSet").deepCopy();
        final ObjectNode spec = (ObjectNode)statefulSet.get("spec");
        spec.set("replica", spec.remove("replicas"));

        assertThatThrownBy(() -> MODEL.read(statefulSet))
            .hasMessageContaining("replica")
            .hasMessageContaining("spec");
    }

    @Test
    void shouldRejectAMisspeltFieldDeepInThePodTemplate()
    {
        final ObjectNode statefulSet = document("StatefulSet").deepCopy();
        final ObjectNode container = (ObjectNode)statefulSet.at("/spec/template/spec/containers/0");
        container.set("readynessProbe", container.remove("readinessProbe"));

        assertThatThrownBy(() -> MODEL.read(statefulSet))
            .hasMessageContaining("readynessProbe")
            .hasMessageContaining("containers[0]");
    }

    @Test
    void shouldRejectAValueOfTheWrongType()
    {
        final ObjectNode replicas = document("StatefulSet").deepCopy();
        ((ObjectNode)replicas.get("spec")).put("replicas", "three");
        final ObjectNode port = document("StatefulSet").deepCopy();
        ((ObjectNode)port.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "8080");
        final ObjectNode flag = document("Service").deepCopy();
        ((ObjectNode)flag.get("spec")).put("publishNotReadyAddresses", "yes");
        final ObjectNode annotation = document("StatefulSet").deepCopy();
        ((ObjectNode)annotation.at("/spec/template/metadata/annotations")).put("prometheus.io/port", 8080);

        assertThatThrownBy(() -> MODEL.read(replicas)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> MODEL.read(port)).hasMessageContaining("containerPort");
        assertThatThrownBy(() -> MODEL.read(flag)).hasMessageContaining("publishNotReadyAddresses");
        assertThatThrownBy(() -> MODEL.read(annotation)).hasMessageContaining("annotations");
    }

    @Test
    void shouldRejectAnUnknownKind()
    {
        final ObjectNode statefulSet = document("StatefulSet").deepCopy();
        statefulSet.put("kind", "StatefullSet");

        assertThatThrownBy(() -> MODEL.read(statefulSet)).hasMessageContaining("unknown apiVersion/kind");
    }

    @Test
    void shouldRunThreeParallelMembersEachWithItsOwnVolume()
    {
        final StatefulSet statefulSet = object(StatefulSet.class);
        final Container container = container();

        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates()).hasSize(1);
        final String claim = statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(container.getVolumeMounts())
            .filteredOn(mount -> mount.getName().equals(claim))
            .extracting(VolumeMount::getMountPath)
            .containsExactly(env(container, "TAILOR_DATA_DIR"));
        assertThat(statefulSet.getSpec().getSelector().getMatchLabels())
            .isEqualTo(statefulSet.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void shouldProbeHealthLimitResourcesAndStopGracefully()
    {
        final PodSpec pod = object(StatefulSet.class).getSpec().getTemplate().getSpec();
        final Container container = container();

        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(containerPort(container, "http")).isEqualTo(Integer.parseInt(env(container, "TAILOR_PORT")));
        assertThat(containerPort(container, "grid")).isEqualTo(Integer.parseInt(env(container, "TAILOR_GRID_PORT")));
        for (final Map<String, Quantity> resources : List.of(
            container.getResources().getRequests(), container.getResources().getLimits()))
        {
            assertThat(resources).containsKeys("cpu", "memory");
        }
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(60L);
        assertThat(container.getLifecycle().getPreStop()).isNotNull();
        assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
    }

    @Test
    void shouldDiscoverMembersThroughAHeadlessServiceThatPublishesNotReadyPods()
    {
        final StatefulSet statefulSet = object(StatefulSet.class);
        final Service headless = service(statefulSet.getSpec().getServiceName());
        final Container container = container();

        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(5701);
        assertThat(env(container, "TAILOR_JOIN"))
            .isEqualTo(headless.getMetadata().getName() + ".$(POD_NAMESPACE).svc.cluster.local:5701");
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("TAILOR_GRID_HOST"))
            .extracting(e -> e.getValueFrom().getFieldRef().getFieldPath())
            .containsExactly("status.podIP");
        assertThat(headless.getSpec().getSelector())
            .isEqualTo(statefulSet.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void shouldServeHttpPubliclyOnlyWithTheApiKeysSecretMounted()
    {
        final PodSpec pod = object(StatefulSet.class).getSpec().getTemplate().getSpec();
        final Container container = container();
        final String keysFile = env(container, "TAILOR_API_KEYS_FILE");

        final VolumeMount mount = container.getVolumeMounts().stream()
            .filter(m -> keysFile.startsWith(m.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted where TAILOR_API_KEYS_FILE points"));
        final Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
            .orElseThrow();
        assertThat(volume.getSecret()).as("the keys come from a Secret").isNotNull();
        assertThat(volume.getSecret().getOptional()).as("a pod without keys must not start").isFalse();
        assertThat(keysFile).as("the Secret's key, as created in the README")
            .isEqualTo(mount.getMountPath() + "/api-keys");
        assertThat(container.getEnv()).extracting(EnvVar::getName)
            .as("the entry point chooses the bind address from the mounted keys").doesNotContain("TAILOR_HOST");
        assertThat(object(ConfigMap.class).getData()).doesNotContainKey("TAILOR_HOST");
        assertThat(OBJECTS).extracting(HasMetadata::getKind).as("no secrets committed").doesNotContain("Secret");
    }

    @Test
    void shouldSetOnlyEnvironmentVariablesTheNodeReads()
    {
        final List<String> names = new ArrayList<>(object(ConfigMap.class).getData().keySet());
        container().getEnv().forEach(e -> names.add(e.getName()));

        assertThat(names).filteredOn(name -> name.startsWith("TAILOR_"))
            .isNotEmpty()
            .allSatisfy(name -> assertThat(ContractEnvironment.NAMES).contains(name));
    }

    @Test
    void shouldLetAtMostOneMemberBeDisrupted()
    {
        final PodDisruptionBudget budget = object(PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
            .isEqualTo(object(StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void shouldScrapeMetricsFromTheHttpService()
    {
        final ServiceMonitor monitor = object(ServiceMonitor.class);
        final Service http = OBJECTS.stream()
            .filter(o -> o instanceof Service s && s.getMetadata().getLabels().entrySet()
                .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
            .map(Service.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Service matches the ServiceMonitor's selector"));

        assertThat(monitor.getSpec().getEndpoints()).singleElement()
            .satisfies(endpoint -> assertThat(endpoint.getPath()).isEqualTo("/metrics"))
            .satisfies(endpoint -> assertThat(http.getSpec().getPorts()).extracting(ServicePort::getName)
                .contains(endpoint.getPort()));
        assertThat(object(NetworkPolicy.class).getSpec().getIngress()).hasSize(2);
    }

    private static ObjectNode document(final String kind)
    {
        return (ObjectNode)DOCUMENTS.stream()
            .filter(document -> kind.equals(document.path("kind").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/k8s"));
    }

    private static <T extends HasMetadata> T object(final Class<T> type)
    {
        return OBJECTS.stream().filter(type::isInstance).map(type::cast).findFirst()
            .orElseThrow(() -> new AssertionError("no valid " + type.getSimpleName() + " in deploy/k8s: " + PROBLEMS));
    }

    private static Service service(final String name)
    {
        return OBJECTS.stream()
            .filter(o -> o instanceof Service && o.getMetadata().getName().equals(name))
            .map(Service.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static Container container()
    {
        final List<Container> containers = object(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String env(final Container container, final String name)
    {
        return container.getEnv().stream()
            .filter(e -> e.getName().equals(name))
            .map(EnvVar::getValue)
            .findFirst()
            .orElseThrow(() -> new AssertionError("container sets no " + name));
    }

    private static int containerPort(final Container container, final String name)
    {
        return container.getPorts().stream()
            .filter(p -> name.equals(p.getName()))
            .map(ContainerPort::getContainerPort)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container port " + name));
    }
}
