package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.ErrorMessage;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatMessage;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ACS websocket: who may connect, heartbeats, acks, redelivery and robustness. */
class AcsSessionTest {
  static Fixture fixture;
  String cluster;
  String instance;

  @BeforeAll
  static void start() {
    fixture = Fixture.start(Duration.ofMillis(200));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void registerInstance() {
    cluster = fixture.newCluster();
    instance = fixture.registerInstance(cluster, 1024, 2048);
  }

  @Test
  void refusesAnUnregisteredInstance() {
    String unknown = instance.substring(0, instance.lastIndexOf('/') + 1) + "ffffffffffffffffffffffffffffffff";
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, unknown)) {
      ErrorMessage error = agent.await(ErrorMessage.class, e -> true);
      assertThat(error.errorType()).isEqualTo("InvalidInstanceException");
      assertThat(error.message()).contains(unknown);
      await().atMost(AcsTestClient.TIMEOUT).until(agent::isClosed);
    }
  }

  @Test
  void marksTheInstanceConnectedWhileTheSessionIsOpen() {
    assertThat(agentConnected()).isFalse();
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      await().atMost(AcsTestClient.TIMEOUT).until(this::agentConnected);
    }
    await().atMost(AcsTestClient.TIMEOUT).until(() -> !agentConnected());
  }

  @Test
  void sendsHeartbeatsTheAgentAcks() {
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      HeartbeatMessage heartbeat = agent.await(HeartbeatMessage.class, h -> true);
      assertThat(heartbeat.healthy()).isTrue();
      agent.send(new HeartbeatAckRequest(heartbeat.messageId()));
      agent.await(HeartbeatMessage.class, h -> !h.messageId().equals(heartbeat.messageId()));
      assertThat(agent.isClosed()).isFalse();
    }
  }

  @Test
  void redeliversAnUnackedPayloadWhenTheAgentReconnects() {
    String taskArn;
    String messageId;
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      taskArn = runTask();
      messageId = agent.await(PayloadMessage.class, p -> true).messageId();
    }
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      PayloadMessage again = agent.await(PayloadMessage.class, p -> true);
      assertThat(again.messageId()).isEqualTo(messageId);
      assertThat(again.seqNum()).isEqualTo(1); // numbering starts over in each session
      assertThat(again.tasks().get(0).arn()).isEqualTo(taskArn);
      agent.send(new AckRequest(cluster, instance, messageId));
    }
    // The server handles a connection's frames in order, so once it has seen the disconnect it has seen the ack.
    await().atMost(AcsTestClient.TIMEOUT).until(() -> !agentConnected());
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      agent.await(HeartbeatMessage.class, h -> true); // sent after any redelivery, on the same thread
      assertThat(agent.received(PayloadMessage.class)).isEmpty();
    }
  }

  @Test
  void deliversTasksStartedWhileTheAgentWasAway() {
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    String taskArn = fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition)
        .containerInstances(instance)).tasks().get(0).taskArn();
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      PayloadMessage payload = agent.await(PayloadMessage.class, p -> true);
      assertThat(payload.tasks().get(0).arn()).isEqualTo(taskArn);
    }
  }

  @Test
  void keepsTheSessionAfterMalformedOrUnknownFrames() {
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      await().atMost(AcsTestClient.TIMEOUT).until(this::agentConnected);
      agent.sendRaw("this is not json");
      agent.sendRaw("{\"type\":\"AckRequest\"}");
      agent.sendRaw("{\"type\":\"SomethingNew\",\"message\":{}}");

      String taskArn = runTask();
      PayloadMessage payload = agent.await(PayloadMessage.class, p -> true);
      assertThat(payload.tasks().get(0).arn()).isEqualTo(taskArn);
      assertThat(agent.isClosed()).isFalse();
      assertThat(agentConnected()).isTrue();
    }
  }

  @Test
  void tellsADeregisteredInstanceItIsInactive() {
    try (AcsTestClient agent = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance)) {
      await().atMost(AcsTestClient.TIMEOUT).until(this::agentConnected);
      fixture.ecs.deregisterContainerInstance(r -> r.cluster(cluster).containerInstance(instance));
      ErrorMessage error = agent.await(ErrorMessage.class, e -> true);
      assertThat(error.errorType()).isEqualTo("InactiveInstanceException");
      await().atMost(AcsTestClient.TIMEOUT).until(agent::isClosed);
    }
  }

  private String runTask() {
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    return fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)).tasks().get(0).taskArn();
  }

  private boolean agentConnected() {
    return fixture.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(instance))
        .containerInstances().get(0).agentConnected();
  }
}
