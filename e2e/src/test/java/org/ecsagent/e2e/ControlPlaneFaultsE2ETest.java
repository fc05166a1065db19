package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;
import static org.ecsagent.e2e.LocalCluster.container;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.recording.ReceivedStateChange;
import org.junit.jupiter.api.Test;

/** The agent against a misbehaving control plane: outages, dropped and replayed ACS messages. */
class ControlPlaneFaultsE2ETest extends SharedClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);


  private List<ReceivedStateChange> accepted(String taskArn) {
    return cluster.emulator.receivedStateChanges().stream()
        .filter(c -> c.task().equals(taskArn) && c.accepted())
        .toList();
  }

  @Test
  void stateChangesMadeDuringAControlPlaneOutageArriveInOrderAfterIt() {
    Duration outage = Duration.ofSeconds(30);
    cluster.emulator.faults().failApiCalls("SubmitTaskStateChange", ErrorShape.SERVER, outage);
    cluster.emulator.faults().failApiCalls("SubmitContainerStateChange", ErrorShape.SERVER, outage);
    String def = cluster.registerTaskDefinition("outage",
        container("app", TEST_IMAGE, List.of("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")));
    String taskArn = cluster.runTask(def);

    // The task runs on Docker while the control plane refuses to hear about it.
    await().atMost(TIMEOUT).until(() -> cluster.agent.engine().task(taskArn)
        .map(t -> t.knownStatus().backendStatus()).orElse(""), "RUNNING"::equals);
    assertThat(cluster.describe(taskArn).lastStatus()).isEqualTo("PENDING");
    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    await().atMost(TIMEOUT).until(() -> cluster.agent.engine().task(taskArn)
        .map(t -> t.knownStatus().backendStatus()).orElse(""), "STOPPED"::equals);

    cluster.awaitStatus(taskArn, "STOPPED", outage.plus(Duration.ofSeconds(60)));
    assertThat(cluster.emulator.receivedStateChanges()).anyMatch(c -> c.task().equals(taskArn) && !c.accepted());
    assertThat(accepted(taskArn)).extracting(ReceivedStateChange::status).containsExactly("RUNNING", "STOPPED");
    assertThat(cluster.describe(taskArn).containers().get(0).exitCode()).isEqualTo(0);
  }

  @Test
  void replayedPayloadsDoNotStartAnythingTwice() {
    String def = cluster.registerTaskDefinition("replayed", container("app", TEST_IMAGE, List.of("sleep", "300")));
    String first = cluster.runTask(def);
    cluster.awaitStatus(first, "RUNNING", TIMEOUT);

    int replayed = cluster.emulator.faults().replayPayloads(cluster.agent.containerInstanceArn(), 5);
    assertThat(replayed).isPositive();
    // Messages are handled in order: once a later task runs, the replays were handled too.
    String second = cluster.runTask(def);
    cluster.awaitStatus(second, "RUNNING", TIMEOUT);

    assertThat(taskContainers(first)).hasSize(1);
    assertThat(accepted(first)).extracting(ReceivedStateChange::status).containsExactly("RUNNING");
  }

  @Test
  void droppedAcsConnectionIsReopenedAndTasksStillArrive() {
    long connects = cluster.agent.metrics().counter("acs.connects").getCount();
    assertThat(cluster.emulator.faults().dropAcsConnections()).contains(cluster.agent.containerInstanceArn());
    await().atMost(TIMEOUT).until(() -> cluster.agent.metrics().counter("acs.connects").getCount() > connects);
    await().atMost(TIMEOUT).until(cluster.agent::acsConnected);

    String def = cluster.registerTaskDefinition("after-drop", container("app", TEST_IMAGE, List.of("sleep", "300")));
    cluster.awaitStatus(cluster.runTask(def), "RUNNING", TIMEOUT);
  }

  private List<com.github.dockerjava.api.model.Container> taskContainers(String taskArn) {
    return cluster.docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("com.amazonaws.ecs.task-arn", taskArn)).exec();
  }
}
