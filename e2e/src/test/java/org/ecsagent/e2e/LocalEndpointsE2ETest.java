package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;
import static org.ecsagent.e2e.LocalCluster.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's local listeners (introspection, task metadata v4, metrics) while a real task runs. */
class LocalEndpointsE2ETest {
  @TempDir
  static Path dataDir;
  static LocalCluster cluster;
  static int introspection;
  static int endpoint;
  static int metrics;
  static String taskArn;
  static String dockerId;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    introspection = freePort();
    endpoint = freePort();
    metrics = freePort();
    cluster = LocalCluster.start(dataDir,
        b -> b.introspectionPort(introspection).endpointPort(endpoint).metricsPort(metrics));
    String def = cluster.registerTaskDefinition("endpoints", container("app", TEST_IMAGE, List.of("sleep", "300")));
    taskArn = cluster.runTask(def);
    dockerId = cluster.awaitStatus(taskArn, "RUNNING", Duration.ofSeconds(30)).containers().get(0).runtimeId();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void introspectionShowsInstanceAndTasks() throws Exception {
    JsonNode metadata = json.readTree(get(introspection, "/v1/metadata").body());
    assertThat(metadata.get("Cluster").asText()).isEqualTo(cluster.cluster);
    assertThat(metadata.get("ContainerInstanceArn").asText()).isEqualTo(cluster.agent.containerInstanceArn());

    JsonNode task = json.readTree(get(introspection, "/v1/tasks?dockerid=" + dockerId).body());
    assertThat(task.get("Arn").asText()).isEqualTo(taskArn);
    assertThat(task.get("KnownStatus").asText()).isEqualTo("RUNNING");
    assertThat(get(introspection, "/v1/tasks?taskarn=arn:unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void taskMetadataV4AnswersForTheContainersOwnEndpointId() throws Exception {
    String uri = List.of(cluster.inspect(dockerId).getConfig().getEnv()).stream()
        .filter(e -> e.startsWith("ECS_CONTAINER_METADATA_URI_V4=")).findFirst().orElseThrow();
    String endpointId = uri.substring(uri.lastIndexOf('/') + 1);

    HttpResponse<String> container = get(endpoint, "/v4/" + endpointId);
    assertThat(container.statusCode()).isEqualTo(200);
    assertThat(json.readTree(container.body()).get("DockerId").asText()).isEqualTo(dockerId);

    JsonNode task = json.readTree(get(endpoint, "/v4/" + endpointId + "/task").body());
    assertThat(task.get("TaskARN").asText()).isEqualTo(taskArn);
    assertThat(task.get("Cluster").asText()).isEqualTo(cluster.cluster);
    assertThat(task.get("KnownStatus").asText()).isEqualTo("RUNNING");
    assertThat(get(endpoint, "/v4/00000000-0000-0000-0000-000000000000/task").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsAreExposedInPrometheusFormat() throws Exception {
    String body = get(metrics, "/metrics").body();
    assertThat(body).contains("ecs_agent_engine_tasks_accepted_total").contains("ecs_agent_acs_connected 1");
  }
}
