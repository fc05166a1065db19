package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.ecsagent.emulator.Emulator;
import org.ecsagent.emulator.EmulatorOptions;
import org.ecsagent.emulator.recording.ReceivedStateChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Kills the agent (halt, as abrupt as kill -9) at named points of a task's life, restarts it on
 * the same data directory, and checks that the task still ends as it should: no container
 * created twice, the same container instance, the right final state and exit codes.
 */
class CrashRecoveryE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path work;
  static Emulator emulator;
  static EcsClient ecs;
  static DockerClient docker;

  @BeforeAll
  static void start() {
    emulator = Emulator.start(EmulatorOptions.defaults().withPort(0));
    ecs = EcsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(LocalCluster.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    docker = LocalCluster.dockerClient();
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    emulator.close();
    docker.close();
  }

  /** Where to crash, which occurrence of that point, and whether the task has a second container. */
  static Stream<Arguments> crashPoints() {
    return Stream.of(
        Arguments.of("payload-recorded", 1, true),
        Arguments.of("payload-recorded", 1, false),
        Arguments.of("pulled", 1, true),
        Arguments.of("pulled", 2, true),
        Arguments.of("created", 1, true),
        Arguments.of("created", 2, true),
        Arguments.of("created", 1, false),
        Arguments.of("started", 1, true),
        Arguments.of("started", 2, true),
        Arguments.of("started", 1, false),
        Arguments.of("running-recorded", 1, true),
        Arguments.of("submitted", 1, true),
        Arguments.of("submitted", 1, false),
        Arguments.of("stopping", 1, true),
        Arguments.of("stopping", 2, true),
        Arguments.of("stopping", 1, false),
        Arguments.of("stopped", 1, true),
        Arguments.of("stopped", 2, true),
        Arguments.of("stopped-recorded", 1, true),
        Arguments.of("stopped-recorded", 1, false),
        Arguments.of("submitted", 2, true));
  }

  private static boolean crashesWhileStopping(String point, int occurrence) {
    return point.startsWith("stop") || (point.equals("submitted") && occurrence == 2);
  }

  @ParameterizedTest(name = "crash at {0}:{1} (sidecar: {2})")
  @MethodSource("crashPoints")
  void taskEndsCorrectlyAfterCrashAndRestart(String point, int occurrence, boolean withSidecar) throws Exception {
    String cluster = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    ecs.createCluster(r -> r.clusterName(cluster));
    Path dataDir = work.resolve(cluster);
    Path logs = Path.of("target", "agent-logs");
    String taskArn;
    try (AgentProcess first = AgentProcess.start(emulator.endpoint(), cluster, dataDir, logs, cluster + "-1",
        Map.of("ECS_AGENT_CRASH_AT", point + ":" + occurrence))) {
      awaitInstances(cluster, 1);
      taskArn = runTask(cluster, withSidecar);
      if (crashesWhileStopping(point, occurrence)) {
        awaitStatus(cluster, taskArn, "RUNNING");
        ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason("crash test"));
      }
      assertThat(first.awaitExit(TIMEOUT.toSeconds())).as("first agent should halt at the crash point; log %s",
          first.log).isEqualTo(137);
    }
    String instanceBefore = instances(cluster).get(0);

    try (AgentProcess second = AgentProcess.start(emulator.endpoint(), cluster, dataDir, logs, cluster + "-2",
        Map.of())) {
      if (!crashesWhileStopping(point, occurrence)) {
        awaitStatus(cluster, taskArn, "RUNNING");
        assertThat(containersOf(taskArn)).as("no container created twice").hasSize(withSidecar ? 2 : 1);
        ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason("crash test"));
      }
      Task stopped = awaitStatus(cluster, taskArn, "STOPPED");

      assertThat(instances(cluster)).as("restart re-registers as the same instance").containsExactly(instanceBefore);
      assertThat(containersOf(taskArn)).as("no container created twice").hasSize(withSidecar ? 2 : 1);
      assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
      var main = stopped.containers().stream().filter(c -> c.name().equals("main")).findFirst().orElseThrow();
      assertThat(main.lastStatus()).isEqualTo("STOPPED");
      assertThat(main.exitCode()).as("main traps SIGTERM and exits 0; log %s", second.log).isEqualTo(0);

      List<String> reported = emulator.receivedStateChanges().stream()
          .filter(c -> c.task().equals(taskArn) && c.accepted() && c.operation().equals("SubmitTaskStateChange"))
          .map(ReceivedStateChange::status)
          .toList();
      if (point.equals("submitted")) {
        // Accepted, then the agent died before noting it: delivery is at-least-once, order still holds.
        assertThat(withoutRepeats(reported)).containsExactly("RUNNING", "STOPPED");
      } else {
        assertThat(reported).as("each task state reaches the control plane exactly once, in order")
            .containsExactly("RUNNING", "STOPPED");
      }
    } finally {
      for (var c : containersOf(taskArn)) {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
  }

  private static List<String> withoutRepeats(List<String> statuses) {
    List<String> out = new java.util.ArrayList<>();
    for (String s : statuses) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String runTask(String cluster, boolean withSidecar) {
    ContainerDefinition main = ContainerDefinition.builder().name("main").image(TEST_IMAGE).memory(32).essential(true)
        .command("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait").build();
    ContainerDefinition side = ContainerDefinition.builder().name("side").image(TEST_IMAGE).memory(32).essential(false)
        .command("sleep", "300").build();
    String def = ecs.registerTaskDefinition(r -> r.family("crashy")
            .containerDefinitions(withSidecar ? List.of(main, side) : List.of(main)))
        .taskDefinition().taskDefinitionArn();
    var run = ecs.runTask(r -> r.cluster(cluster).taskDefinition(def));
    assertThat(run.failures()).isEmpty();
    return run.tasks().get(0).taskArn();
  }

  private static List<String> instances(String cluster) {
    return ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
  }

  /** Registered and holding its ACS session (RunTask skips instances whose agent is not connected). */
  private static void awaitInstances(String cluster, int count) {
    await().atMost(TIMEOUT).until(() -> {
      List<String> arns = instances(cluster);
      return arns.size() == count && ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
          .containerInstances().stream().allMatch(i -> Boolean.TRUE.equals(i.agentConnected()));
    });
  }

  private static Task awaitStatus(String cluster, String taskArn, String status) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
        () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0).lastStatus(), status::equals);
    return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
  }

  private static List<com.github.dockerjava.api.model.Container> containersOf(String taskArn) {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("com.amazonaws.ecs.task-arn", taskArn)).exec();
  }
}
