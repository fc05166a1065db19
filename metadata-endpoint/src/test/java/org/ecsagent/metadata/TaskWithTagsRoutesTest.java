package org.ecsagent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ecsagent.metadata.server.EndpointServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code taskWithTags}: tags when ECS gives them, and an {@code Errors} entry for each it does not. */
class TaskWithTagsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENDPOINT_ID = "8c6b5b1e-3f4a-4b8e-9d2c-1a2b3c4d5e6f";
  private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";
  private static final String INSTANCE_ARN = "arn:aws:ecs:us-east-1:123456789012:container-instance/default/i1";
  private static final TaskMetadata TASK = TaskMetadata.builder()
      .cluster("default").taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/abc").family("web").revision("1")
      .knownStatus("RUNNING").containers(List.of(ContainerMetadata.builder().name("web").build())).build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EndpointServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private void start(TaskTagsSource tags) {
    server = EndpointServer.builder()
        .routes(MetadataRoutes.builder(new FakeTaskMetadataSource().add(ENDPOINT_ID, TASK.containers().get(0), TASK))
            .tags(tags).build())
        .build().start();
  }

  @Test
  void addsTheTaskAndContainerInstanceTagsSortedByKey() throws Exception {
    start(tags(ResourceTags.found(Map.of("team", "a", "env", "prod")), ResourceTags.found(Map.of("app", "web"))));

    HttpResponse<String> response = get("/v4/" + ENDPOINT_ID + "/taskWithTags");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = JSON.readTree(response.body());
    assertThat(task.get("TaskARN").asText()).isEqualTo(TASK.taskArn());
    assertThat(task.get("ContainerInstanceTags").toString()).isEqualTo("{\"env\":\"prod\",\"team\":\"a\"}");
    assertThat(task.get("TaskTags").toString()).isEqualTo("{\"app\":\"web\"}");
    assertThat(task.has("Errors")).isFalse();
  }

  @Test
  void saysWhichTagsCouldNotBeFetchedAndWhy() throws Exception {
    start(tags(ResourceTags.found(Map.of("env", "prod")), ResourceTags.failed(TASK.taskArn(), "AccessDeniedException",
        "User is not authorized to perform: ecs:ListTagsForResource", 400, "req-123")));

    JsonNode task = JSON.readTree(get("/v4/" + ENDPOINT_ID + "/taskWithTags").body());

    assertThat(task.get("ContainerInstanceTags").get("env").asText()).isEqualTo("prod");
    assertThat(task.has("TaskTags")).isFalse();
    assertThat(task.get("Errors")).hasSize(1);
    assertThat(task.get("Errors").get(0)).isEqualTo(JSON.readTree("""
        {"ErrorField":"TaskTags","ErrorCode":"AccessDeniedException",
         "ErrorMessage":"User is not authorized to perform: ecs:ListTagsForResource",
         "StatusCode":400,"RequestId":"req-123","ResourceARN":"%s"}""".formatted(TASK.taskArn())));
  }

  @Test
  void aLookupThatFailsOutrightIsAnErrorEntryNotAFailedRequest() throws Exception {
    start(new TaskTagsSource() {
      @Override
      public CompletionStage<ResourceTags> containerInstanceTags() {
        return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
      }

      @Override
      public CompletionStage<ResourceTags> taskTags(String taskArn) {
        return CompletableFuture.supplyAsync(() -> ResourceTags.found(Map.of("app", "web")));
      }
    });

    HttpResponse<String> response = get("/v4/" + ENDPOINT_ID + "/taskWithTags");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = JSON.readTree(response.body());
    assertThat(task.get("TaskTags").get("app").asText()).isEqualTo("web");
    assertThat(task.at("/Errors/0/ErrorField").asText()).isEqualTo("ContainerInstanceTags");
    assertThat(task.at("/Errors/0/ErrorMessage").asText()).isEqualTo("connection refused");
  }

  @Test
  void withoutATagsSourceBothLookupsAreReportedAsUnavailable() throws Exception {
    server = EndpointServer.builder()
        .routes(new MetadataRoutes(new FakeTaskMetadataSource().add(ENDPOINT_ID, TASK.containers().get(0), TASK)))
        .build().start();

    JsonNode task = JSON.readTree(get("/v3/" + ENDPOINT_ID + "/taskWithTags").body());

    assertThat(task.get("Errors")).hasSize(2);
    assertThat(task.at("/Errors/0/ErrorField").asText()).isEqualTo("ContainerInstanceTags");
    assertThat(task.at("/Errors/1/ErrorField").asText()).isEqualTo("TaskTags");
    assertThat(task.at("/Errors/1/ErrorMessage").asText()).isEqualTo("this agent cannot fetch tags from ECS");
    assertThat(task.at("/Errors/1/ResourceARN").asText()).isEqualTo(TASK.taskArn());
  }

  @Test
  void theTaskWithoutTagsIsUnchanged() throws Exception {
    start(tags(ResourceTags.found(Map.of("env", "prod")), ResourceTags.found(Map.of("app", "web"))));

    JsonNode task = JSON.readTree(get("/v4/" + ENDPOINT_ID + "/task").body());

    assertThat(task.has("TaskTags")).isFalse();
    assertThat(task.has("ContainerInstanceTags")).isFalse();
    assertThat(task.has("Errors")).isFalse();
  }

  @Test
  void unknownIdsAreAnsweredAsForTheTask() throws Exception {
    start(tags(ResourceTags.found(Map.of()), ResourceTags.found(Map.of())));

    HttpResponse<String> v4 = get("/v4/" + UNKNOWN_ID + "/taskWithTags");
    HttpResponse<String> v3 = get("/v3/" + UNKNOWN_ID + "/taskWithTags");

    assertThat(v4.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(v4.body()).asText()).isEqualTo("V4 task metadata handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
    assertThat(v3.statusCode()).isEqualTo(500);
    assertThat(get("/v4/%3Cx%3E/taskWithTags").statusCode()).isEqualTo(400);
  }

  private static TaskTagsSource tags(ResourceTags containerInstance, ResourceTags task) {
    return new TaskTagsSource() {
      @Override
      public CompletionStage<ResourceTags> containerInstanceTags() {
        return CompletableFuture.completedFuture(containerInstance);
      }

      @Override
      public CompletionStage<ResourceTags> taskTags(String taskArn) {
        return CompletableFuture.completedFuture(task);
      }
    };
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
