package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecsagent.protocol.acs.AcsMessages;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task's whole life through the emulator: RunTask → PayloadMessage to the agent over ACS → the
 * agent's state changes → StopTask → PayloadMessage with STOPPED → stopped. The agent is played by
 * a test websocket client.
 */
class TaskLifecycleTest {
  static Fixture fixture;
  String cluster;
  String instance;
  AcsTestClient agent;

  @BeforeAll
  static void start() {
    fixture = Fixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void connectAgent() {
    cluster = fixture.newCluster();
    instance = fixture.registerInstance(cluster, 1024, 2048);
    agent = fixture.connectAgent(cluster, instance);
  }

  @AfterEach
  void disconnectAgent() {
    agent.close();
  }

  @Test
  void sendsTheTaskToTheAgentWithItsContainerSettings() throws Exception {
    String definition = fixture.registerTaskDefinition(ContainerDefinition.builder()
        .name("web").image("nginx:1").memory(256).memoryReservation(128).cpu(256).essential(true)
        .command("nginx", "-g", "daemon off;")
        .environment(KeyValuePair.builder().name("MODE").value("test").build(),
            KeyValuePair.builder().name("KEEP").value("me").build())
        .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build())
        .dockerLabels(Map.of("team", "emulator"))
        .healthCheck(HealthCheck.builder().command("CMD-SHELL", "true").interval(10).build())
        .logConfiguration(LogConfiguration.builder().logDriver("json-file").options(Map.of("max-size", "1m")).build())
        .build());

    var run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).startedBy("tester")
        .overrides(o -> o.containerOverrides(c -> c.name("web").command("nginx", "-T")
            .environment(KeyValuePair.builder().name("MODE").value("override").build()))));

    assertThat(run.failures()).isEmpty();
    Task task = run.tasks().get(0);
    assertThat(task.lastStatus()).isEqualTo("PENDING");
    assertThat(task.desiredStatus()).isEqualTo("RUNNING");
    assertThat(task.containerInstanceArn()).isEqualTo(instance);
    assertThat(task.taskArn()).matches("arn:aws:ecs:us-east-1:123456789012:task/" + clusterName() + "/[0-9a-f]{32}");

    PayloadMessage payload = agent.await(PayloadMessage.class, p -> true);
    assertThat(payload.containerInstanceArn()).isEqualTo(instance);
    assertThat(payload.clusterArn()).isEqualTo(cluster);
    assertThat(payload.seqNum()).isEqualTo(1);
    assertThat(payload.messageId()).isNotBlank();
    AcsMessages.Task sent = payload.tasks().get(0);
    assertThat(sent.arn()).isEqualTo(task.taskArn());
    assertThat(sent.desiredStatus()).isEqualTo("RUNNING");
    assertThat(sent.version()).isEqualTo("1");
    assertThat(sent.launchType()).isEqualTo("EC2");
    assertThat(sent.networkMode()).isEqualTo("bridge");
    AcsMessages.Container web = sent.containers().get(0);
    assertThat(web.name()).isEqualTo("web");
    assertThat(web.image()).isEqualTo("nginx:1");
    assertThat(web.command()).containsExactly("nginx", "-T");
    assertThat(web.environment()).containsExactly(Map.entry("MODE", "override"), Map.entry("KEEP", "me"));
    assertThat(web.memory()).isEqualTo(256);
    assertThat(web.cpu()).isEqualTo(256);
    assertThat(web.essential()).isTrue();
    assertThat(web.portMappings()).containsExactly(new AcsMessages.PortMapping(80, 8080, null, "tcp"));
    assertThat(web.containerArn()).isEqualTo(task.containers().get(0).containerArn());
    assertThat(web.healthCheckType()).isEqualTo("docker");
    JsonNode config = new ObjectMapper().readTree(web.dockerConfig().config());
    assertThat(config.path("Labels").path("team").asText()).isEqualTo("emulator");
    assertThat(config.path("Healthcheck").path("Test").toString()).isEqualTo("[\"CMD-SHELL\",\"true\"]");
    assertThat(config.path("Healthcheck").path("Interval").asLong()).isEqualTo(10_000_000_000L);
    JsonNode hostConfig = new ObjectMapper().readTree(web.dockerConfig().hostConfig());
    assertThat(hostConfig.path("MemoryReservation").asLong()).isEqualTo(128L * 1024 * 1024);
    assertThat(hostConfig.path("LogConfig").path("Type").asText()).isEqualTo("json-file");
    assertThat(hostConfig.path("LogConfig").path("Config").path("max-size").asText()).isEqualTo("1m");

    agent.send(new AckRequest(cluster, instance, payload.messageId()));
  }

  @Test
  void reportsTheAgentsStateChangesAndStopsOnRequest() {
    String taskArn = runOneTask();
    PayloadMessage start = agent.await(PayloadMessage.class, p -> true);
    agent.send(new AckRequest(cluster, instance, start.messageId()));

    Instant pulled = Instant.parse("2024-05-01T10:00:00.250Z");
    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(taskArn).status("RUNNING")
        .pullStartedAt(pulled).pullStoppedAt(pulled.plusSeconds(1))
        .containers(ContainerStateChange.builder().containerName("app").runtimeId("c0ffee").status("RUNNING")
            .networkBindings(NetworkBinding.builder().bindIP("0.0.0.0").containerPort(80).hostPort(32768)
                .protocol("tcp").build())
            .build()));

    Task running = describe(taskArn);
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.pullStartedAt()).isEqualTo(pulled);
    assertThat(running.containers().get(0).lastStatus()).isEqualTo("RUNNING");
    assertThat(running.containers().get(0).runtimeId()).isEqualTo("c0ffee");
    assertThat(running.containers().get(0).networkBindings().get(0).hostPort()).isEqualTo(32768);

    Task stopping = fixture.ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason("enough")).task();
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopping.lastStatus()).isEqualTo("RUNNING");

    PayloadMessage stop = agent.await(PayloadMessage.class, p -> "STOPPED".equals(p.tasks().get(0).desiredStatus()));
    assertThat(stop.tasks().get(0).arn()).isEqualTo(taskArn);
    assertThat(stop.seqNum()).isEqualTo(2);
    agent.send(new AckRequest(cluster, instance, stop.messageId()));

    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(taskArn).status("STOPPED")
        .containers(ContainerStateChange.builder().containerName("app").runtimeId("c0ffee").status("STOPPED")
            .exitCode(143).build()));

    Task stopped = describe(taskArn);
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("enough");
    assertThat(stopped.stoppedAt()).isNotNull();
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(143);
    assertThat(stopped.containers().get(0).lastStatus()).isEqualTo("STOPPED");
  }

  @Test
  void marksTaskWhoseEssentialContainerExitedByItself() {
    String taskArn = runOneTask();
    submit(taskArn, "RUNNING", null, null);
    submit(taskArn, "STOPPED", 3, null);

    Task stopped = describe(taskArn);
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
  }

  @Test
  void marksTaskWhoseImageCouldNotBePulledAsFailedToStart() {
    String taskArn = runOneTask();
    submit(taskArn, "STOPPED", null, "CannotPullContainerError: pull access denied for nothing");

    Task stopped = describe(taskArn);
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.containers().get(0).reason()).startsWith("CannotPullContainerError");
    assertThat(stopped.startedAt()).isNull();
  }

  @Test
  void repeatedAndLateReportsChangeNothing() {
    String taskArn = runOneTask();
    submit(taskArn, "RUNNING", null, null);
    Task first = describe(taskArn);
    submit(taskArn, "RUNNING", null, null);
    submit(taskArn, "PENDING", null, null);

    Task again = describe(taskArn);
    assertThat(again.lastStatus()).isEqualTo("RUNNING");
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(again.startedAt()).isEqualTo(first.startedAt());
  }

  @Test
  void acceptsSingleContainerReports() {
    String taskArn = runOneTask();
    fixture.ecs.submitContainerStateChange(r -> r.cluster(cluster).task(taskArn).containerName("app")
        .runtimeId("abc123").status("RUNNING"));

    var container = describe(taskArn).containers().get(0);
    assertThat(container.lastStatus()).isEqualTo("RUNNING");
    assertThat(container.runtimeId()).isEqualTo("abc123");
  }

  @Test
  void refusesReportsForUnknownTasks() {
    assertThatThrownBy(() -> fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster)
        .task("arn:aws:ecs:us-east-1:123456789012:task/" + clusterName() + "/00000000000000000000000000000000")
        .status("RUNNING")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void neverSendsAStoppedTaskAgain() {
    String taskArn = runOneTask();
    agent.await(PayloadMessage.class, p -> true); // not acked
    submit(taskArn, "STOPPED", 0, null);
    agent.close();

    try (AcsTestClient reconnected = fixture.connectAgent(cluster, instance)) {
      fixture.ecs.stopTask(r -> r.cluster(cluster).task(taskArn));
      String other = runOneTask();
      PayloadMessage next = reconnected.await(PayloadMessage.class, p -> true);
      assertThat(next.tasks()).extracting(AcsMessages.Task::arn).containsExactly(other);
    }
  }

  @Test
  void listsTasksByFilter() {
    String running = runOneTask();
    String stopped = runOneTask();
    fixture.ecs.stopTask(r -> r.cluster(cluster).task(stopped));

    assertThat(fixture.ecs.listTasks(r -> r.cluster(cluster)).taskArns()).containsExactly(running);
    assertThat(fixture.ecs.listTasks(r -> r.cluster(cluster).desiredStatus("STOPPED")).taskArns())
        .containsExactly(stopped);
    assertThat(fixture.ecs.listTasks(r -> r.cluster(cluster).containerInstance(instance).startedBy("tester"))
        .taskArns()).containsExactly(running);
    assertThat(fixture.ecs.listTasks(r -> r.cluster(cluster).startedBy("someone-else")).taskArns()).isEmpty();

    var firstPage = fixture.ecs.listTasks(r -> r.cluster(cluster).desiredStatus("RUNNING").maxResults(1));
    assertThat(firstPage.taskArns()).containsExactly(running);
    assertThat(firstPage.nextToken()).isNull();
  }

  private String runOneTask() {
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 128));
    var run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).startedBy("tester"));
    assertThat(run.failures()).isEmpty();
    return run.tasks().get(0).taskArn();
  }

  private void submit(String taskArn, String status, Integer exitCode, String containerReason) {
    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(taskArn).status(status)
        .containers(List.of(ContainerStateChange.builder().containerName("app").status(status).exitCode(exitCode)
            .reason(containerReason).runtimeId("rt-1").build())));
  }

  private Task describe(String taskArn) {
    return fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
  }

  private String clusterName() {
    return cluster.substring(cluster.lastIndexOf('/') + 1);
  }
}
