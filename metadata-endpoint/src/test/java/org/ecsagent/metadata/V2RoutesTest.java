package org.ecsagent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ecsagent.metadata.server.EndpointServer;
import org.ecsagent.metadata.server.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** v2: the caller's task found by its source address (here 127.0.0.1, the test's own). */
class V2RoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENDPOINT_ID = "8c6b5b1e-3f4a-4b8e-9d2c-1a2b3c4d5e6f";
  private static final ContainerMetadata WEB = ContainerMetadata.builder().name("web").dockerId("aaaa1111").build();
  private static final ContainerMetadata SIDECAR =
      ContainerMetadata.builder().name("sidecar").dockerId("bbbb2222").build();
  private static final TaskMetadata TASK = TaskMetadata.builder()
      .cluster("default").taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/abc")
      .containers(List.of(WEB, SIDECAR)).build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EndpointServer server;

  private final FakeTaskMetadataSource byAddress = new FakeTaskMetadataSource() {
    @Override
    public Optional<String> endpointIdByAddress(String ipAddress) {
      return "127.0.0.1".equals(ipAddress) ? Optional.of(ENDPOINT_ID) : Optional.empty();
    }
  };

  @BeforeEach
  void start() throws IOException {
    byAddress.add(ENDPOINT_ID, WEB, TASK);
    ContainerStats webStats = new ContainerStats(StatsRoutesTest.dockerStats("aaaa1111"), null);
    server = EndpointServer.builder()
        .routes(MetadataRoutes.builder(byAddress)
            .stats(dockerId -> "aaaa1111".equals(dockerId) ? Optional.of(webStats) : Optional.empty())
            .tags(new TaskTagsSource() {
              @Override
              public CompletionStage<ResourceTags> containerInstanceTags() {
                return CompletableFuture.completedFuture(ResourceTags.found(Map.of("env", "prod")));
              }

              @Override
              public CompletionStage<ResourceTags> taskTags(String taskArn) {
                return CompletableFuture.completedFuture(ResourceTags.found(Map.of("app", "web")));
              }
            })
            .build())
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metadataIsTheCallersTask() throws Exception {
    for (String path : new String[] {"/v2/metadata", "/v2/metadata/"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).get("TaskARN").asText()).as(path).isEqualTo(TASK.taskArn());
    }
  }

  @Test
  void metadataOfOneContainerOfTheCallersTask() throws Exception {
    JsonNode sidecar = JSON.readTree(get("/v2/metadata/bbbb2222").body());

    assertThat(sidecar.get("Name").asText()).isEqualTo("sidecar");
    HttpResponse<String> other = get("/v2/metadata/cccc3333");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(other.body()).asText()).isEqualTo("Unable to generate metadata for container 'cccc3333'");
  }

  @Test
  void metadataWithTags() throws Exception {
    JsonNode task = JSON.readTree(get("/v2/metadataWithTags").body());

    assertThat(task.get("TaskTags").get("app").asText()).isEqualTo("web");
    assertThat(task.get("ContainerInstanceTags").get("env").asText()).isEqualTo("prod");
  }

  @Test
  void statsOfTheTaskAndOfOneContainer() throws Exception {
    JsonNode task = JSON.readTree(get("/v2/stats").body());
    assertThat(task.get("aaaa1111").at("/cpu_stats/cpu_usage/total_usage").asLong()).isEqualTo(123456789L);
    assertThat(task.get("bbbb2222").isNull()).isTrue();
    assertThat(JSON.readTree(get("/v2/stats/").body())).isEqualTo(task);

    assertThat(JSON.readTree(get("/v2/stats/aaaa1111").body()).get("id").asText()).isEqualTo("aaaa1111");
    HttpResponse<String> none = get("/v2/stats/bbbb2222");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(none.body()).asText()).isEqualTo("Unable to get container stats for: bbbb2222");
    assertThat(JSON.readTree(get("/v2/stats/%3Cscript%3E").body()).asText())
        .isEqualTo("Unable to get container stats for: (malformed)");
  }

  @Test
  void v2RequestsSpendTheAllowanceOfTheCallersTask() {
    MetadataRoutes routes = new MetadataRoutes(byAddress);

    assertThat(routes.rateLimitKey(request("/v2/stats", "127.0.0.1"))).hasValue(TASK.taskArn());
    assertThat(routes.rateLimitKey(request("/v2/metadata", "172.17.0.9"))).as("unknown caller: shared").isEmpty();
  }

  private static Request request(String path, String caller) {
    return new Request("GET", path, Map.of(), Map.of(), new InetSocketAddress(caller, 40000));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
