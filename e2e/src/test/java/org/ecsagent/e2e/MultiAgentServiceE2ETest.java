package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.CREDENTIALS;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ecsagent.agent.Agent;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.config.ImagePullBehavior;
import org.ecsagent.emulator.Emulator;
import org.ecsagent.emulator.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Two real agents on the local dockerd against one emulator, as {@code bin/local-cluster --agents 2}
 * runs them: a service is spread over both, and draining one moves its tasks to the other.
 */
class MultiAgentServiceE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path dataDirs;
  static Emulator emulator;
  static EcsClient ecs;
  static DockerClient docker;
  static String cluster;
  static Agent first;
  static Agent second;

  @BeforeAll
  static void start() throws InterruptedException {
    emulator = Emulator.start(EmulatorOptions.defaults().withPort(0));
    ecs = EcsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    docker = LocalCluster.dockerClient();
    cluster = "multi-" + UUID.randomUUID().toString().substring(0, 8);
    ecs.createCluster(r -> r.clusterName(cluster));
    first = agent(1);
    second = agent(2);
    await().atMost(TIMEOUT).until(() -> first.acsConnected() && second.acsConnected());
  }

  @AfterAll
  static void stop() {
    for (Agent agent : new Agent[] {first, second}) {
      if (agent != null) {
        agent.close();
      }
    }
    if (docker != null) {
      for (var c : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of("com.amazonaws.ecs.cluster", cluster)).exec()) {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
    if (ecs != null) {
      ecs.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void spreadsAServiceOverBothAgentsAndDrainingOneMovesItsTasks() {
    String definition = ecs.registerTaskDefinition(r -> r.family("spread").containerDefinitions(
        ContainerDefinition.builder().name("app").image(TEST_IMAGE).memory(32).essential(true)
            .command("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait").build()))
        .taskDefinition().taskDefinitionArn();

    ecs.createService(r -> r.cluster(cluster).serviceName("web").taskDefinition(definition).desiredCount(4)
        .placementStrategy(s -> s.type("spread").field("attribute:local.agent")));

    await().atMost(TIMEOUT).until(() -> running(ecs.describeServices(r -> r.cluster(cluster).services("web"))
        .services().get(0).runningCount()) == 4);
    assertThat(perInstance(serviceTasks()).values()).containsExactly(2L, 2L);

    ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(first.containerInstanceArn())
        .status(ContainerInstanceStatus.DRAINING));

    await().atMost(TIMEOUT).until(() -> {
      List<Task> tasks = serviceTasks();
      return tasks.size() == 4 && tasks.stream().allMatch(t -> "RUNNING".equals(t.lastStatus())
          && t.containerInstanceArn().equals(second.containerInstanceArn()));
    });
    List<String> stopped = ecs.listTasks(r -> r.cluster(cluster).serviceName("web")
        .desiredStatus(DesiredStatus.STOPPED)).taskArns();
    await().atMost(TIMEOUT).until(() -> ecs.describeTasks(r -> r.cluster(cluster).tasks(stopped)).tasks().stream()
        .allMatch(t -> "STOPPED".equals(t.lastStatus())));
    assertThat(ecs.describeTasks(r -> r.cluster(cluster).tasks(stopped)).tasks())
        .hasSize(2)
        .allSatisfy(t -> {
          assertThat(t.containerInstanceArn()).isEqualTo(first.containerInstanceArn());
          assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        });
  }

  private static Agent agent(int n) throws InterruptedException {
    AgentConfig config = AgentConfig.defaults().toBuilder()
        .cluster(cluster)
        .backendHost(Optional.of(emulator.endpoint()))
        .region(Optional.of("us-east-1"))
        .dataDir(dataDirs.resolve("agent-" + n))
        .imagePullBehavior(ImagePullBehavior.PREFER_CACHED)
        .containerStopTimeout(Duration.ofSeconds(2))
        .instanceAttributes(Map.of("local.agent", String.valueOf(n)))
        .introspectionPort(0)
        .endpointPort(0)
        .metricsPort(0)
        .build();
    return Agent.start(config, CREDENTIALS, Clock.systemUTC());
  }

  private static List<Task> serviceTasks() {
    List<String> arns = ecs.listTasks(r -> r.cluster(cluster).serviceName("web")).taskArns();
    return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
  }

  private static Map<String, Long> perInstance(List<Task> tasks) {
    return tasks.stream().collect(Collectors.groupingBy(Task::containerInstanceArn, Collectors.counting()));
  }

  private static int running(Integer count) {
    return count == null ? 0 : count;
  }
}
