package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;
import static org.ecsagent.e2e.LocalCluster.container;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/** RunTask → RUNNING → StopTask → STOPPED, through the emulator, the agent and real Docker. */
class TaskLifecycleE2ETest extends SharedClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);


  @Test
  void runsTaskOnDockerAndStopsItOnRequest() {
    String def = cluster.registerTaskDefinition("sleeper",
        container("app", TEST_IMAGE, List.of("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")));
    String taskArn = cluster.runTask(def);

    Task running = cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);
    Container app = running.containers().get(0);
    assertThat(app.lastStatus()).isEqualTo("RUNNING");
    assertThat(app.runtimeId()).isNotBlank();

    var inspected = cluster.inspect(app.runtimeId());
    assertThat(inspected.getState().getRunning()).isTrue();
    assertThat(inspected.getName()).matches("/ecs-sleeper-1-app-[0-9a-f]{20}");
    assertThat(inspected.getConfig().getLabels())
        .containsEntry("com.amazonaws.ecs.task-arn", taskArn)
        .containsEntry("com.amazonaws.ecs.container-name", "app")
        .containsEntry("com.amazonaws.ecs.task-definition-family", "sleeper")
        .containsEntry("com.amazonaws.ecs.task-definition-version", "1")
        .containsEntry("com.amazonaws.ecs.cluster", cluster.cluster);
    assertThat(List.of(inspected.getConfig().getEnv()))
        .contains("AWS_EXECUTION_ENV=AWS_ECS_EC2")
        .anyMatch(e -> e.matches("ECS_CONTAINER_METADATA_URI_V4=http://169\\.254\\.170\\.2/v4/[0-9a-f-]{36}"));

    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn).reason("test says stop"));
    Task stopped = cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(0);
    assertThat(stopped.containers().get(0).lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("test says stop");
    assertThat(cluster.inspect(app.runtimeId()).getState().getRunning()).isFalse();
  }

  @Test
  void killsContainerThatIgnoresSigtermAfterStopTimeout() {
    String def = cluster.registerTaskDefinition("stubborn",
        container("app", TEST_IMAGE, List.of("sh", "-c", "trap '' TERM; while true; do sleep 1; done")));
    String taskArn = cluster.runTask(def);
    cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);

    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    Task stopped = cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137); // SIGKILL after ECS_CONTAINER_STOP_TIMEOUT
  }

  @Test
  void reportsContainerThatExitsByItselfWithItsExitCode() {
    String def = cluster.registerTaskDefinition("quitter",
        container("app", TEST_IMAGE, List.of("sh", "-c", "sleep 1; exit 3")));
    String taskArn = cluster.runTask(def);

    Task stopped = cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
  }

  @Test
  void imageThatCannotBePulledStopsTheTaskAndOthersStillRun() {
    String missing = cluster.registerTaskDefinition("missing-image",
        container("app", "local/does-not-exist:1", List.of("true")));
    String healthy = cluster.registerTaskDefinition("healthy",
        container("app", TEST_IMAGE, List.of("sleep", "300")));

    String missingArn = cluster.runTask(missing);
    String healthyArn = cluster.runTask(healthy);

    Task failed = cluster.awaitStatus(missingArn, "STOPPED", TIMEOUT);
    assertThat(failed.containers().get(0).reason()).startsWith("CannotPullContainerError");
    assertThat(failed.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    cluster.awaitStatus(healthyArn, "RUNNING", TIMEOUT);
  }
}
