package org.ecsagent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.metadata.ContainerStats.NetworkRate;
import org.ecsagent.metadata.server.EndpointServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /stats} and {@code /task/stats} of v3 and v4, from a stats source that answers from memory. */
class StatsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEB_ID = "8c6b5b1e-3f4a-4b8e-9d2c-1a2b3c4d5e6f";
  private static final String SIDECAR_ID = "1f0e2d3c-4b5a-4a69-8788-99aabbccddee";
  private static final String PENDING_ID = "22222222-3333-4444-5555-666666666666";
  private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

  private static final ContainerMetadata WEB = container("web", "aaaa1111");
  private static final ContainerMetadata SIDECAR = container("sidecar", "bbbb2222");
  private static final ContainerMetadata PENDING = container("pending", null);
  private static final TaskMetadata TASK = TaskMetadata.builder()
      .cluster("default").taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/abc")
      .containers(List.of(WEB, SIDECAR, PENDING)).build();

  private final Map<String, ContainerStats> collected = new HashMap<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EndpointServer server;

  @BeforeEach
  void start() throws IOException {
    collected.put(WEB.dockerId(), new ContainerStats(dockerStats(WEB.dockerId()), new NetworkRate(1500.5, 20)));
    FakeTaskMetadataSource metadata = new FakeTaskMetadataSource()
        .add(WEB_ID, WEB, TASK).add(SIDECAR_ID, SIDECAR, TASK).add(PENDING_ID, PENDING, TASK);
    server = EndpointServer.builder()
        .routes(MetadataRoutes.builder(metadata).stats(dockerId -> Optional.ofNullable(collected.get(dockerId))).build())
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void v4ContainerStatsAreDockersStatsPlusNetworkRates() throws Exception {
    HttpResponse<String> response = get("/v4/" + WEB_ID + "/stats");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode stats = JSON.readTree(response.body());
    assertThat(fieldNames(stats)).containsExactly("read", "preread", "pids_stats", "blkio_stats", "num_procs",
        "cpu_stats", "precpu_stats", "memory_stats", "name", "id", "networks", "network_rate_stats");
    assertThat(stats.at("/cpu_stats/cpu_usage/total_usage").asLong()).isEqualTo(123456789L);
    assertThat(stats.get("network_rate_stats").toString())
        .isEqualTo("{\"rx_bytes_per_sec\":1500.5,\"tx_bytes_per_sec\":20.0}");
  }

  @Test
  void v4ContainerStatsBeforeTheFirstSampleAre500AsTheOriginal() throws Exception {
    assertError(get("/v4/" + SIDECAR_ID + "/stats"), 500, "Unable to get container stats for: bbbb2222");
  }

  @Test
  void v4ContainerStatsOfUnknownOrUncreatedContainersAre404() throws Exception {
    assertError(get("/v4/" + UNKNOWN_ID + "/stats"), 404, "V4 container stats handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
    assertError(get("/v4/" + PENDING_ID + "/stats"), 404, "V4 container stats handler: unable to get container ID"
        + " from request: unable to get docker ID from v3 endpoint ID: " + PENDING_ID);
  }

  @Test
  void v4TaskStatsMapEveryCreatedContainerAndNeverFailForAMissingSample() throws Exception {
    HttpResponse<String> response = get("/v4/" + SIDECAR_ID + "/task/stats");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode stats = JSON.readTree(response.body());
    assertThat(fieldNames(stats)).containsExactly("aaaa1111", "bbbb2222");
    assertThat(stats.at("/aaaa1111/memory_stats/usage").asLong()).isEqualTo(6_000_000L);
    assertThat(stats.at("/aaaa1111/network_rate_stats/rx_bytes_per_sec").asDouble()).isEqualTo(1500.5);
    assertThat(stats.get("bbbb2222").toString()).isEqualTo("{}");
    assertError(get("/v4/" + UNKNOWN_ID + "/task/stats"), 404, "V4 task stats handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
  }

  @Test
  void v3StatsAreDockersStatsAsTheyAre() throws Exception {
    JsonNode stats = JSON.readTree(get("/v3/" + WEB_ID + "/stats").body());

    assertThat(stats).isEqualTo(dockerStats(WEB.dockerId()));
    JsonNode task = JSON.readTree(get("/v3/" + WEB_ID + "/task/stats").body());
    assertThat(fieldNames(task)).containsExactly("aaaa1111", "bbbb2222");
    assertThat(task.get("aaaa1111")).isEqualTo(dockerStats(WEB.dockerId()));
    assertThat(task.get("bbbb2222").isNull()).as("the original writes null for a container without stats").isTrue();
  }

  @Test
  void v3StatsErrorsAre400WithTheOriginalsMessages() throws Exception {
    assertError(get("/v3/" + SIDECAR_ID + "/stats"), 400, "Unable to get container stats for: bbbb2222");
    assertError(get("/v3/" + UNKNOWN_ID + "/stats"), 400, "V3 container stats handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
    assertError(get("/v3/" + PENDING_ID + "/stats"), 400, "V3 container stats handler: unable to get container ID"
        + " from request: unable to get docker ID from v3 endpoint ID: " + PENDING_ID);
    assertError(get("/v3/" + UNKNOWN_ID + "/task/stats"), 400, "V3 task stats handler: unable to get task arn from"
        + " request: unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
  }

  @Test
  void malformedIdsAre400() throws Exception {
    for (String path : new String[] {"/v4/%3Cx%3E/stats", "/v4//task/stats", "/v3/..%2F/stats", "/v3//task/stats"}) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).asText()).as(path).endsWith("invalid endpoint ID in request");
    }
  }

  @Test
  void withoutAStatsSourceNothingIsCollected() throws Exception {
    try (EndpointServer plain = EndpointServer.builder()
        .routes(new MetadataRoutes(new FakeTaskMetadataSource().add(WEB_ID, WEB, TASK))).build().start()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + plain.port() + "/v4/" + WEB_ID + "/stats")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(500);
    }
  }

  private static ContainerMetadata container(String name, String dockerId) {
    return ContainerMetadata.builder().name(name).dockerId(dockerId).knownStatus("RUNNING").build();
  }

  /** Shaped as Docker 20.10 answers {@code GET /containers/<id>/stats?stream=false}, shortened. */
  static ObjectNode dockerStats(String id) throws IOException {
    return (ObjectNode) JSON.readTree("""
        {"read":"2024-05-01T10:00:10.000000001Z","preread":"2024-05-01T10:00:00.000000001Z",
         "pids_stats":{"current":1},"blkio_stats":{"io_service_bytes_recursive":[]},"num_procs":0,
         "cpu_stats":{"cpu_usage":{"total_usage":123456789,"usage_in_kernelmode":1000,"usage_in_usermode":2000},
                      "system_cpu_usage":9990000000,"online_cpus":2,"throttling_data":{"periods":0}},
         "precpu_stats":{"cpu_usage":{"total_usage":123000000},"system_cpu_usage":9970000000,"online_cpus":2},
         "memory_stats":{"usage":6000000,"stats":{"cache":0},"limit":67108864},
         "name":"/ecs-web-1-web","id":"%s",
         "networks":{"eth0":{"rx_bytes":1000,"tx_bytes":200}}}
        """.formatted(id));
  }

  private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.isTextual()).as("a JSON string body").isTrue();
    assertThat(body.asText()).isEqualTo(message);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
