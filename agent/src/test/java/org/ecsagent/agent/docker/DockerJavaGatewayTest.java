package org.ecsagent.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ecsagent.agent.docker.ContainerSpec.PortMappingSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against the real local dockerd and the local/busybox:1 test image. */
class DockerJavaGatewayTest {
  private static final String IMAGE = "local/busybox:1";
  private DockerJavaGateway docker;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void connect() {
    docker = DockerJavaGateway.connect(URI.create("unix:///var/run/docker.sock"), Clock.systemUTC());
  }

  @AfterEach
  void cleanUp() {
    created.forEach(docker::remove);
    docker.close();
  }

  private String create(List<String> command, List<PortMappingSpec> ports, String config, String hostConfig) {
    String id = docker.create(new ContainerSpec("gw-test-" + UUID.randomUUID(), IMAGE, command, null, List.of("X=1"),
        Map.of("com.amazonaws.ecs.cluster", "gw-test"), 32, 128, ports, "bridge", config, hostConfig, ContainerSpec.Mounts.NONE));
    created.add(id);
    return id;
  }

  @Test
  void negotiatesApiVersionWithTheDaemon() {
    assertThat(docker.version().apiVersion()).matches("1\\.\\d+");
    assertThat(docker.hostResources().cpus()).isPositive();
  }

  @Test
  void createsStartsAndReportsExitCodeThroughEvents() {
    List<ContainerEvent> events = new CopyOnWriteArrayList<>();
    try (AutoCloseable sub = docker.subscribe(events::add, e -> { })) {
      String id = create(List.of("sh", "-c", "exit 4"), List.of(), null, null);
      docker.start(id);

      await().atMost(Duration.ofSeconds(10))
          .until(() -> events.stream().anyMatch(e -> e.containerId().equals(id) && e.isDeath()));
      ContainerEvent death = events.stream().filter(e -> e.containerId().equals(id) && e.isDeath()).findFirst().orElseThrow();
      assertThat(death.exitCode()).isEqualTo(4);
      ContainerState state = docker.inspect(id).orElseThrow();
      assertThat(state.running()).isFalse();
      assertThat(state.exitCode()).isEqualTo(4);
      assertThat(state.finishedAt()).isNotNull();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void publishesDynamicHostPortsAndAppliesDockerConfig() {
    String id = create(List.of("sleep", "30"), List.of(new PortMappingSpec(8080, 0, "tcp")),
        "{\"Labels\":{\"team\":\"a\"},\"WorkingDir\":\"/tmp\"}",
        "{\"MemoryReservation\":16777216}");
    docker.start(id);

    ContainerState state = docker.inspect(id).orElseThrow();
    assertThat(state.running()).isTrue();
    assertThat(state.networkBindings()).singleElement().satisfies(b -> {
      assertThat(b.containerPort()).isEqualTo(8080);
      assertThat(b.hostPort()).isPositive();
      assertThat(b.protocol()).isEqualTo("tcp");
    });

    docker.stop(id, Duration.ofSeconds(1));
    assertThat(docker.inspect(id).orElseThrow().running()).isFalse();
    docker.stop(id, Duration.ofSeconds(1)); // stopping a stopped container is fine
  }

  @Test
  void missingImageFailsPullWithDockersReason() {
    assertThatThrownBy(() -> docker.pull("local/does-not-exist:1", Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(1)))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageStartingWith("pull local/does-not-exist:1: ");
    assertThat(docker.localImageId("local/does-not-exist:1")).isEmpty();
    assertThat(docker.localImageId(IMAGE)).isPresent();
  }

  @Test
  void removedContainerInspectsAsAbsent() {
    String id = create(List.of("true"), List.of(), null, null);
    docker.remove(id);
    assertThat(docker.inspect(id)).isEmpty();
    docker.remove(id); // idempotent
  }
}
