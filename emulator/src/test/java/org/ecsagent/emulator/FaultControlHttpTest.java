package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServerException;

/** The fault controls and the state-change log over HTTP ({@code /_emulator/...}), as curl would use them. */
class FaultControlHttpTest {
  static TestClock clock = new TestClock();
  static Fixture fixture;
  static EcsClient noRetries;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper mapper = new ObjectMapper();

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

  @AfterEach
  void clear() throws Exception {
    assertThat(call("POST", "/_emulator/faults/clear", "").statusCode()).isEqualTo(200);
  }

  @Test
  void failsApiCallsAsAskedAndShowsWhatIsInForce() throws Exception {
    HttpResponse<String> set = call("POST", "/_emulator/faults/api",
        "{\"operation\":\"ListClusters\",\"error\":\"ServerException\",\"calls\":1}");
    assertThat(set.statusCode()).isEqualTo(200);

    JsonNode status = json(call("GET", "/_emulator/faults", ""));
    assertThat(status.path("apiFailures").get(0).path("operation").asText()).isEqualTo("ListClusters");
    assertThat(status.path("apiFailures").get(0).path("remainingCalls").asInt()).isEqualTo(1);
    assertThatThrownBy(noRetries::listClusters).isInstanceOf(ServerException.class);
    assertThat(noRetries.listClusters().clusterArns()).isNotEmpty();
    assertThat(json(call("GET", "/_emulator/faults", "")).path("apiFailures").size()).isZero();
  }

  @Test
  void delaysAndDropsAcsConnections() throws Exception {
    String cluster = fixture.newCluster();
    String instance = fixture.registerInstance(cluster, 1024, 1024);
    try (AcsTestClient agent = fixture.connectAgent(cluster, instance)) {
      call("POST", "/_emulator/faults/acs/delay", "{\"milliseconds\":60000}");
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition));
      assertThat(json(call("GET", "/_emulator/faults", "")).path("acs").path("delayedMessages").path(instance).asInt())
          .isEqualTo(1);
      clock.advance(java.time.Duration.ofMinutes(1));
      agent.await(PayloadMessage.class, p -> true);

      JsonNode dropped = json(call("POST", "/_emulator/faults/acs/drop", "{\"containerInstance\":\"" + instance + "\"}"));

      assertThat(dropped.path("dropped").get(0).asText()).isEqualTo(instance);
      await().atMost(AcsTestClient.TIMEOUT).until(agent::isClosed);
    }
  }

  @Test
  void listsTheStateChangesReceived() throws Exception {
    String cluster = fixture.newCluster();
    String instance = fixture.registerInstance(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    String task = fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition).containerInstances(instance))
        .tasks().get(0).taskArn();
    call("DELETE", "/_emulator/state-changes", "");

    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(task).status("RUNNING"));

    JsonNode changes = json(call("GET", "/_emulator/state-changes", "")).path("stateChanges");
    assertThat(changes.size()).isEqualTo(1);
    assertThat(changes.get(0).path("task").asText()).isEqualTo(task);
    assertThat(changes.get(0).path("status").asText()).isEqualTo("RUNNING");
    assertThat(changes.get(0).path("outcome").asText()).isEqualTo("ACCEPTED");
  }

  @Test
  void answersBadRequestsClearly() throws Exception {
    assertThat(call("GET", "/_emulator/nothing-here", "").statusCode()).isEqualTo(404);
    HttpResponse<String> badError = call("POST", "/_emulator/faults/api",
        "{\"operation\":\"RunTask\",\"error\":\"NoSuchException\",\"calls\":1}");
    assertThat(badError.statusCode()).isEqualTo(400);
    assertThat(json(badError).path("message").asText()).contains("NoSuchException");
    assertThat(call("POST", "/_emulator/faults/acs/refuse", "not json").statusCode()).isEqualTo(400);
    assertThat(call("POST", "/_emulator/faults/acs/replay", "{\"containerInstance\":\"nope\"}").statusCode())
        .isEqualTo(400);
  }

  private static HttpResponse<String> call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.emulator.endpoint() + path))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return mapper.readTree(response.body());
  }
}
