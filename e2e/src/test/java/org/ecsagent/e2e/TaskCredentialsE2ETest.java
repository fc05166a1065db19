package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ecsagent.agent.Agent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task role credentials from the control plane to the credentials endpoint, and manifest-driven
 * stops, on real Docker: each task reads only its own credentials, a stopped task's id dies, and
 * after an agent restart the control plane re-sends them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskCredentialsE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ROLE = "arn:aws:iam::123456789012:role/app";

  @TempDir
  static Path dataDir;
  static LocalCluster cluster;
  static int endpointPort;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      endpointPort = s.getLocalPort();
    }
    cluster = LocalCluster.start(dataDir, b -> b.endpointPort(endpointPort));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String runWithRole(String family) {
    String def = cluster.ecs.registerTaskDefinition(r -> r.family(family).taskRoleArn(ROLE).containerDefinitions(
            ContainerDefinition.builder().name("app").image(TEST_IMAGE).memory(32).essential(true)
                .command("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait").build()))
        .taskDefinition().taskDefinitionArn();
    return cluster.runTask(def);
  }

  private String credentialsUri(Task task) {
    return List.of(cluster.inspect(task.containers().get(0).runtimeId()).getConfig().getEnv()).stream()
        .filter(e -> e.startsWith("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI="))
        .map(e -> e.substring(e.indexOf('=') + 1))
        .findFirst().orElseThrow();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpointPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void eachTaskGetsItsOwnCredentialsAndAStoppedTasksIdStopsWorking() throws Exception {
    Task first = cluster.awaitStatus(runWithRole("role-a"), "RUNNING", TIMEOUT);
    Task second = cluster.awaitStatus(runWithRole("role-b"), "RUNNING", TIMEOUT);
    String firstUri = credentialsUri(first);
    String secondUri = credentialsUri(second);
    assertThat(firstUri).matches("/v2/credentials/[0-9a-f]{32}").isNotEqualTo(secondUri);

    JsonNode creds = json.readTree(get(firstUri).body());
    assertThat(creds.get("AccessKeyId").asText()).startsWith("ASIA");
    assertThat(creds.get("RoleArn").asText()).isEqualTo(ROLE);
    assertThat(creds.get("SecretAccessKey").asText()).isNotBlank();
    assertThat(creds.get("Token").asText()).isNotBlank();
    assertThat(json.readTree(get(secondUri).body()).get("AccessKeyId").asText())
        .isNotEqualTo(creds.get("AccessKeyId").asText());
    HttpResponse<String> guessed = get("/v2/credentials/0123456789abcdef0123456789abcdef");
    assertThat(guessed.statusCode()).isEqualTo(400);
    assertThat(json.readTree(guessed.body()).get("code").asText()).isEqualTo("InvalidIdInRequest");

    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(first.taskArn()));
    cluster.awaitStatus(first.taskArn(), "STOPPED", TIMEOUT);
    assertThat(get(firstUri).statusCode()).isEqualTo(400);
    assertThat(get(secondUri).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void credentialsComeBackAfterAnAgentRestart() throws Exception {
    Task task = cluster.awaitStatus(runWithRole("role-restart"), "RUNNING", TIMEOUT);
    String uri = credentialsUri(task);
    assertThat(get(uri).statusCode()).isEqualTo(200);

    Agent restarted = restartAgent();

    await().atMost(TIMEOUT).until(() -> get(uri).statusCode() == 200);
    assertThat(restarted.engine().task(task.taskArn())).isPresent();
  }

  @Test
  @Order(3)
  void manifestStopsATaskWhoseStopMessageWasLost() {
    String def = cluster.registerTaskDefinition("lost-stop", LocalCluster.container("app", TEST_IMAGE,
        List.of("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")));
    String taskArn = cluster.runTask(def);
    cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);
    String instance = cluster.agent.containerInstanceArn();

    cluster.emulator.faults().holdPayloads(instance); // the StopTask payload never reaches the agent
    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    cluster.emulator.sendTaskManifests();

    await().atMost(TIMEOUT).until(() -> cluster.agent.engine().task(taskArn)
        .map(t -> t.knownStatus().backendStatus()).orElse(""), "STOPPED"::equals);
    cluster.emulator.faults().clear();
  }

  @Test
  @Order(4)
  void unlistedTaskIsStoppedOnlyAfterTheControlPlaneConfirms() {
    String def = cluster.registerTaskDefinition("forgotten", LocalCluster.container("app", TEST_IMAGE,
        List.of("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")));
    String taskArn = cluster.runTask(def);
    cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);
    String instance = cluster.agent.containerInstanceArn();

    // The control plane considers the task finished (its stop message lost, a STOPPED report from
    // elsewhere), so the manifest no longer lists it: the agent must ask, and stop it once confirmed.
    cluster.emulator.faults().holdPayloads(instance);
    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    cluster.ecs.submitTaskStateChange(r -> r.cluster(cluster.cluster).task(taskArn).status("STOPPED"));
    assertThat(cluster.agent.engine().task(taskArn).orElseThrow().knownStatus().backendStatus()).isEqualTo("RUNNING");
    cluster.emulator.sendTaskManifests();

    await().atMost(TIMEOUT).until(() -> cluster.agent.engine().task(taskArn)
        .map(t -> t.knownStatus().backendStatus()).orElse(""), "STOPPED"::equals);
    assertThat(cluster.agent.engine().task(taskArn).orElseThrow().containers().get(0).exitCode()).isZero();
    cluster.emulator.faults().clear();
  }

  private Agent restartAgent() throws InterruptedException {
    cluster.agent.close();
    Agent agent = Agent.start(cluster.agent.config(), LocalCluster.CREDENTIALS, Clock.systemUTC());
    cluster.replaceAgent(agent);
    await().atMost(TIMEOUT).until(agent::acsConnected);
    return agent;
  }
}
