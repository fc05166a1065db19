package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container stats on the task metadata endpoint while a real task runs: the agent polls Docker
 * and {@code /v4/<id>/stats}, {@code /v4/<id>/task/stats} and the v3 equivalents answer from its
 * cache, read from the host at 127.0.0.1:&lt;endpoint port&gt;.
 */
class TaskMetadataStatsE2ETest {
  @TempDir
  static Path dataDir;
  static LocalCluster cluster;
  static int endpoint;
  static String taskArn;
  static String dockerId;
  static String endpointId;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    endpoint = freePort();
    // A short polling interval (operators may not go below 5s) so that a second sample comes soon.
    cluster = LocalCluster.start(dataDir,
        b -> b.endpointPort(endpoint).pollingMetricsWaitDuration(Duration.ofSeconds(2)));
    String def = cluster.registerTaskDefinition("stats",
        container("app", TEST_IMAGE, List.of("sh", "-c", "while true; do echo x > /dev/null; done")));
    taskArn = cluster.runTask(def);
    dockerId = cluster.awaitStatus(taskArn, "RUNNING", Duration.ofSeconds(30)).containers().get(0).runtimeId();
    String uri = List.of(cluster.inspect(dockerId).getConfig().getEnv()).stream()
        .filter(e -> e.startsWith("ECS_CONTAINER_METADATA_URI_V4=")).findFirst().orElseThrow();
    endpointId = uri.substring(uri.lastIndexOf('/') + 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void v4ContainerStatsAreDockersStatsOfThatContainer() throws Exception {
    JsonNode stats = awaitJson("/v4/" + endpointId + "/stats");

    assertThat(fieldNames(stats)).contains("read", "preread", "cpu_stats", "precpu_stats", "memory_stats",
        "blkio_stats", "networks", "num_procs", "pids_stats", "name", "id");
    assertThat(stats.get("id").asText()).isEqualTo(dockerId);
    assertThat(stats.at("/cpu_stats/cpu_usage/total_usage").asLong()).isPositive();
    assertThat(stats.at("/memory_stats/usage").asLong()).isPositive();
  }

  @Test
  void laterSamplesCarryCpuDeltasAndNetworkRates() throws Exception {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/v4/" + endpointId + "/stats").body().contains("network_rate_stats"));
    JsonNode stats = json.readTree(get("/v4/" + endpointId + "/stats").body());

    assertThat(stats.get("preread").asText()).doesNotStartWith("0001-01-01");
    assertThat(stats.at("/cpu_stats/cpu_usage/total_usage").asLong())
        .as("a busy loop used CPU since the previous sample")
        .isGreaterThan(stats.at("/precpu_stats/cpu_usage/total_usage").asLong());
    assertThat(stats.at("/network_rate_stats/rx_bytes_per_sec").isNumber()).isTrue();
  }

  @Test
  void v4TaskStatsMapTheTasksContainersByDockerId() throws Exception {
    awaitJson("/v4/" + endpointId + "/stats");
    JsonNode task = json.readTree(get("/v4/" + endpointId + "/task/stats").body());

    assertThat(fieldNames(task)).containsExactly(dockerId);
    assertThat(task.at("/" + dockerId + "/cpu_stats/cpu_usage/total_usage").asLong()).isPositive();
  }

  @Test
  void v3StatsServeTheSameSamplesWithoutV4Additions() throws Exception {
    awaitJson("/v4/" + endpointId + "/stats");
    JsonNode container = json.readTree(get("/v3/" + endpointId + "/stats").body());
    JsonNode task = json.readTree(get("/v3/" + endpointId + "/task/stats").body());

    assertThat(container.get("id").asText()).isEqualTo(dockerId);
    assertThat(container.has("network_rate_stats")).isFalse();
    assertThat(task.get(dockerId).at("/memory_stats/usage").asLong()).isPositive();
  }

  @Test
  void unknownEndpointIdsAreAnsweredAsTheOriginal() throws Exception {
    String unknown = "00000000-0000-0000-0000-000000000000";
    HttpResponse<String> v4 = get("/v4/" + unknown + "/stats");
    HttpResponse<String> v3 = get("/v3/" + unknown + "/task/stats");

    assertThat(v4.statusCode()).isEqualTo(404);
    assertThat(json.readTree(v4.body()).asText()).isEqualTo("V4 container stats handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + unknown);
    assertThat(v3.statusCode()).isEqualTo(400);
  }

  @Test
  void containerMetadataShowsTheBridgeAddressTheStatsPollerInspected() throws Exception {
    awaitJson("/v4/" + endpointId + "/stats");
    JsonNode network = json.readTree(get("/v4/" + endpointId).body()).at("/Networks/0");
    String address = cluster.inspect(dockerId).getNetworkSettings().getNetworks().get("bridge").getIpAddress();

    assertThat(network.get("NetworkMode").asText()).isEqualTo("bridge");
    assertThat(network.get("IPv4Addresses").get(0).asText()).isEqualTo(address);
  }

  @Test
  void taskWithTagsSaysWhyTagsAreMissingInsteadOfLeavingThemOut() throws Exception {
    HttpResponse<String> response = get("/v4/" + endpointId + "/taskWithTags");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = json.readTree(response.body());
    assertThat(task.get("TaskARN").asText()).isEqualTo(taskArn);
    assertThat(task.get("Errors")).hasSize(2);
    assertThat(task.at("/Errors/0/ErrorField").asText()).isEqualTo("ContainerInstanceTags");
    assertThat(task.at("/Errors/0/ResourceARN").asText()).isEqualTo(cluster.agent.containerInstanceArn());
    assertThat(task.at("/Errors/1/ErrorField").asText()).isEqualTo("TaskTags");
    assertThat(task.at("/Errors/1/ResourceARN").asText()).isEqualTo(taskArn);
  }

  @Test
  void v2FromTheHostFindsNoTaskAndSaysWhichAddressItTried() throws Exception {
    HttpResponse<String> response = get("/v2/metadata");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).asText())
        .isEqualTo("Unable to get task arn from request: unable to associate '127.0.0.1' with task");
  }

  /** The first sample arrives within about a second of the container running. */
  private JsonNode awaitJson(String path) throws Exception {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(path).statusCode() == 200);
    return json.readTree(get(path).body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
