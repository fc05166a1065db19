package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import org.ecsagent.emulator.acs.PayloadOrder;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.recording.ReceivedStateChange;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.ServerException;

/** The fault controls, driven through {@code Emulator.faults()} with a test clock. */
class FaultControlsTest {
  static TestClock clock = new TestClock();
  static Fixture fixture;
  static EcsClient noRetries;
  String cluster;
  String instance;

  @BeforeAll
  static void start() {
    fixture = Fixture.start(clock);
    noRetries = fixture.newClient(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  @AfterAll
  static void stop() {
    noRetries.close();
    fixture.close();
  }

  @BeforeEach
  void registerInstance() {
    cluster = fixture.newCluster();
    instance = fixture.registerInstance(cluster, 4096, 4096);
  }

  @AfterEach
  void clearFaults() {
    fixture.emulator.faults().clear();
    assertThat(fixture.emulator.faults().status().isNone()).isTrue();
  }

  @Test
  void dropsEveryAcsConnection() {
    String other = fixture.registerInstance(cluster, 1024, 1024);
    try (AcsTestClient first = fixture.connectAgent(cluster, instance);
        AcsTestClient second = fixture.connectAgent(cluster, other)) {
      List<String> dropped = fixture.emulator.faults().dropAcsConnections();

      assertThat(dropped).contains(instance, other);
      await().atMost(AcsTestClient.TIMEOUT).until(() -> first.isClosed() && second.isClosed());
      await().atMost(AcsTestClient.TIMEOUT).until(() -> !agentConnected(instance) && !agentConnected(other));
    }
  }

  @Test
  void dropsOneInstancesAcsConnection() {
    String other = fixture.registerInstance(cluster, 1024, 1024);
    try (AcsTestClient dropped = fixture.connectAgent(cluster, instance);
        AcsTestClient kept = fixture.connectAgent(cluster, other)) {
      assertThat(fixture.emulator.faults().dropAcsConnection(instance)).isTrue();

      await().atMost(AcsTestClient.TIMEOUT).until(() -> !agentConnected(instance) && dropped.isClosed());
      assertThat(kept.isClosed()).isFalse();
      assertThat(agentConnected(other)).isTrue();
    }
  }

  @Test
  void refusesNewAcsConnectionsUntilTheRefusalIsOver() {
    fixture.emulator.faults().refuseAcsConnections(Duration.ofMinutes(1));

    assertThatThrownBy(() -> AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance))
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));

    clock.advance(Duration.ofMinutes(1));
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      assertThat(agent.isClosed()).isFalse();
    }
  }

  @Test
  void delaysAcsMessagesByTheEmulatorsClock() {
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      fixture.emulator.faults().delayAcsMessages(Duration.ofSeconds(30));
      String task = runTask();

      assertThat(fixture.emulator.faults().status().acs().delayedMessages()).containsEntry(instance, 1);
      assertThat(agent.received(PayloadMessage.class)).isEmpty();

      clock.advance(Duration.ofSeconds(30));
      PayloadMessage payload = agent.await(PayloadMessage.class, p -> true);
      assertThat(payload.tasks().get(0).arn()).isEqualTo(task);
    }
  }

  @Test
  void holdsPayloadsAndReleasesThemReversed() {
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      fixture.emulator.faults().holdPayloads(instance);
      String first = runTask();
      String second = runTask();
      assertThat(fixture.emulator.faults().status().acs().heldPayloads()).containsEntry(instance, 2);

      assertThat(fixture.emulator.faults().releasePayloads(instance, PayloadOrder.REVERSED)).isEqualTo(2);

      await().atMost(AcsTestClient.TIMEOUT).until(() -> agent.received(PayloadMessage.class).size() == 2);
      List<PayloadMessage> payloads = agent.received(PayloadMessage.class);
      assertThat(payloads).extracting(PayloadMessage::seqNum).containsExactly(2, 1);
      assertThat(payloads).extracting(p -> p.tasks().get(0).arn()).containsExactly(second, first);
      runTask();
      await().atMost(AcsTestClient.TIMEOUT).until(() -> agent.received(PayloadMessage.class).size() == 3);
    }
  }

  @Test
  void replaysTheLastPayloadsWithTheirMessageIdAndSeqNum() {
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      runTask();
      runTask();
      await().atMost(AcsTestClient.TIMEOUT).until(() -> agent.received(PayloadMessage.class).size() == 2);
      List<PayloadMessage> original = agent.received(PayloadMessage.class);
      original.forEach(p -> agent.send(new AckRequest(cluster, instance, p.messageId())));

      assertThat(fixture.emulator.faults().replayPayloads(instance, 2)).isEqualTo(2);

      await().atMost(AcsTestClient.TIMEOUT).until(() -> agent.received(PayloadMessage.class).size() == 4);
      List<PayloadMessage> replayed = agent.received(PayloadMessage.class).subList(2, 4);
      assertThat(replayed).isEqualTo(original);
    }
  }

  @Test
  void replayNeedsAConnectedAgent() {
    assertThatThrownBy(() -> fixture.emulator.faults().replayPayloads(instance, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not connected");
  }

  @Test
  void failsTheNextCallsOfAnOperation() {
    String task = runTaskWithoutAgent();
    fixture.emulator.faults().failApiCalls("SubmitTaskStateChange", ErrorShape.SERVER, 2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> submit(noRetries, task, "RUNNING"))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    }
    submit(noRetries, task, "RUNNING");
    assertThat(fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(task)).tasks().get(0).lastStatus())
        .isEqualTo("RUNNING");
  }

  @Test
  void throttlesAnOperationForAWhile() {
    fixture.emulator.faults().failApiCalls("ListClusters", ErrorShape.THROTTLING, Duration.ofMinutes(5));

    assertThatThrownBy(() -> noRetries.listClusters())
        .isInstanceOfSatisfying(EcsException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.isThrottlingException()).isTrue();
        });
    assertThat(noRetries.listTasks(r -> r.cluster(cluster)).taskArns()).isEmpty(); // other operations unaffected

    clock.advance(Duration.ofMinutes(5));
    assertThat(noRetries.listClusters().clusterArns()).contains(cluster);
  }

  @Test
  void recordsEveryStateChangeReceivedInOrderWithDuplicatesAndRefusals() {
    String task = runTaskWithoutAgent();
    long before = fixture.emulator.receivedStateChanges().size();
    fixture.emulator.faults().failApiCalls("SubmitTaskStateChange", ErrorShape.THROTTLING, 1);

    submit(fixture.ecs, task, "RUNNING"); // the SDK retries the throttled call
    submit(fixture.ecs, task, "RUNNING");
    fixture.ecs.submitContainerStateChange(r -> r.cluster(cluster).task(task).containerName("app").status("STOPPED")
        .exitCode(3));

    List<ReceivedStateChange> received = fixture.emulator.receivedStateChanges().stream()
        .skip(before).toList();
    assertThat(received).extracting(ReceivedStateChange::operation, ReceivedStateChange::status,
            ReceivedStateChange::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SubmitTaskStateChange", "RUNNING", "ThrottlingException"),
            org.assertj.core.groups.Tuple.tuple("SubmitTaskStateChange", "RUNNING", "ACCEPTED"),
            org.assertj.core.groups.Tuple.tuple("SubmitTaskStateChange", "RUNNING", "ACCEPTED"),
            org.assertj.core.groups.Tuple.tuple("SubmitContainerStateChange", "STOPPED", "ACCEPTED"));
    assertThat(received).extracting(ReceivedStateChange::task).containsOnly(task);
    assertThat(received.get(1).containers()).extracting(ReceivedStateChange.ContainerChange::containerName)
        .containsExactly("app");
    assertThat(received.get(3).containerName()).isEqualTo("app");
    assertThat(received.get(3).exitCode()).isEqualTo(3);
    assertThat(received).extracting(ReceivedStateChange::sequence).isSorted().doesNotHaveDuplicates();
  }

  private String runTask() {
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    return fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)).tasks().get(0).taskArn();
  }

  /** StartTask places on a named instance whether or not its agent is connected. */
  private String runTaskWithoutAgent() {
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    return fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition).containerInstances(instance))
        .tasks().get(0).taskArn();
  }

  private void submit(EcsClient client, String task, String status) {
    client.submitTaskStateChange(r -> r.cluster(cluster).task(task).status(status)
        .containers(ContainerStateChange.builder().containerName("app").status(status).build()));
  }

  private boolean agentConnected(String containerInstance) {
    return fixture.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(containerInstance))
        .containerInstances().get(0).agentConnected();
  }
}
