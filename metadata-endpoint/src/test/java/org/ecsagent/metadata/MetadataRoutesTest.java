package org.ecsagent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecsagent.metadata.ContainerMetadata.Health;
import org.ecsagent.metadata.ContainerMetadata.Network;
import org.ecsagent.metadata.ContainerMetadata.Port;
import org.ecsagent.metadata.server.EndpointServer;
import org.ecsagent.metadata.server.RawHttpConnection;
import org.ecsagent.metadata.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetadataRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENDPOINT_ID = "8c6b5b1e-3f4a-4b8e-9d2c-1a2b3c4d5e6f";
  private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

  static final ContainerMetadata NGINX = ContainerMetadata.builder()
      .dockerId("cd189a933e5849daa93386466019ab50")
      .name("web")
      .dockerName("ecs-web-1-web-96d3f2a0c1f0f7a0d701")
      .image("nginx:latest")
      .imageId("sha256:4e1d1b6d8d4c")
      .ports(List.of(new Port(80, "tcp", 32768, "0.0.0.0")))
      .labels(Map.of("com.amazonaws.ecs.cluster", "default", "com.amazonaws.ecs.container-name", "web"))
      .desiredStatus("RUNNING")
      .knownStatus("RUNNING")
      .limits(new Limits(256.0, 512L))
      .createdAt(Instant.parse("2024-05-01T10:00:00.123456789Z"))
      .startedAt(Instant.parse("2024-05-01T10:00:01Z"))
      .networks(List.of(new Network("bridge", List.of("172.17.0.2"), null)))
      .health(new Health("HEALTHY", Instant.parse("2024-05-01T10:00:30Z"), null, null))
      .containerArn("arn:aws:ecs:us-east-1:123456789012:container/default/abc/def")
      .logDriver("json-file")
      .build();

  static final TaskMetadata TASK = TaskMetadata.builder()
      .cluster("default")
      .taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/abc")
      .family("web")
      .revision("1")
      .desiredStatus("RUNNING")
      .knownStatus("RUNNING")
      .containers(List.of(NGINX))
      .limits(new Limits(0.25, 512L))
      .pullStartedAt(Instant.parse("2024-05-01T09:59:58Z"))
      .pullStoppedAt(Instant.parse("2024-05-01T09:59:59.5Z"))
      .availabilityZone("us-east-1a")
      .build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EndpointServer server;

  @BeforeEach
  void start() {
    TaskMetadataSource source = new FakeTaskMetadataSource().add(ENDPOINT_ID, NGINX, TASK);
    server = EndpointServer.builder().routes(new MetadataRoutes(source)).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void v4ContainerHasTheOriginalsFieldNames() throws Exception {
    HttpResponse<String> response = get("/v4/" + ENDPOINT_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode container = JSON.readTree(response.body());
    assertThat(fieldNames(container)).containsExactly(
        "DockerId", "Name", "DockerName", "Image", "ImageID", "Ports", "Labels", "DesiredStatus",
        "KnownStatus", "Limits", "CreatedAt", "StartedAt", "Type", "Networks", "Health", "LogDriver",
        "ContainerARN");
    assertThat(container.get("Type").asText()).isEqualTo("NORMAL");
    assertThat(container.get("Limits").toString()).isEqualTo("{\"CPU\":256,\"Memory\":512}");
    assertThat(container.get("CreatedAt").asText()).isEqualTo("2024-05-01T10:00:00.123456789Z");
    assertThat(container.get("Ports").get(0).toString())
        .isEqualTo("{\"ContainerPort\":80,\"Protocol\":\"tcp\",\"HostPort\":32768,\"HostIp\":\"0.0.0.0\"}");
    assertThat(container.get("Networks").get(0).toString())
        .isEqualTo("{\"NetworkMode\":\"bridge\",\"IPv4Addresses\":[\"172.17.0.2\"]}");
    assertThat(container.get("Health").toString())
        .isEqualTo("{\"status\":\"HEALTHY\",\"statusSince\":\"2024-05-01T10:00:30Z\"}");
    assertThat(fieldNames(container.get("Labels")))
        .containsExactly("com.amazonaws.ecs.cluster", "com.amazonaws.ecs.container-name");
  }

  @Test
  void v4TaskHasTheOriginalsFieldNamesAndItsContainers() throws Exception {
    HttpResponse<String> response = get("/v4/" + ENDPOINT_ID + "/task");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = JSON.readTree(response.body());
    assertThat(fieldNames(task)).containsExactly(
        "Cluster", "TaskARN", "Family", "Revision", "DesiredStatus", "KnownStatus", "Containers",
        "Limits", "PullStartedAt", "PullStoppedAt", "AvailabilityZone", "LaunchType");
    assertThat(task.get("LaunchType").asText()).isEqualTo("EC2");
    assertThat(task.get("Limits").toString()).isEqualTo("{\"CPU\":0.25,\"Memory\":512}");
    assertThat(task.get("PullStoppedAt").asText()).isEqualTo("2024-05-01T09:59:59.500Z");
    assertThat(task.get("Containers").get(0).get("DockerId").asText()).isEqualTo(NGINX.dockerId());
  }

  @Test
  void writesAlwaysPresentFieldsEvenWhenEmptyAndLeavesOutTheRest() throws Exception {
    ContainerMetadata pending = ContainerMetadata.builder().name("web").desiredStatus("RUNNING").build();

    JsonNode json = JSON.readTree(Response.ok(pending).body());

    assertThat(fieldNames(json)).containsExactly(
        "DockerId", "Name", "DockerName", "Image", "ImageID", "DesiredStatus", "KnownStatus",
        "Limits", "Type");
    assertThat(json.get("Limits").toString()).isEqualTo("{}");
    assertThat(json.get("DockerId").asText()).isEmpty();
  }

  @Test
  void v4UnknownIdIs404WithTheOriginalsMessage() throws Exception {
    assertError(get("/v4/" + UNKNOWN_ID), 404,
        "V4 container metadata handler: unable to get container ID from request: "
            + "unable to get docker ID from v3 endpoint ID: " + UNKNOWN_ID);
    assertError(get("/v4/" + UNKNOWN_ID + "/task"), 404,
        "V4 task metadata handler: unable to get task arn from request: "
            + "unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
  }

  @Test
  void v3ServesTheSameContainerAndTask() throws Exception {
    assertThat(JSON.readTree(get("/v3/" + ENDPOINT_ID).body()))
        .isEqualTo(JSON.readTree(get("/v4/" + ENDPOINT_ID).body()));
    assertThat(JSON.readTree(get("/v3/" + ENDPOINT_ID + "/task").body()).get("TaskARN").asText())
        .isEqualTo(TASK.taskArn());
  }

  @Test
  void v3UnknownIdIsAnsweredAsTheOriginalDoes() throws Exception {
    assertError(get("/v3/" + UNKNOWN_ID), 400,
        "V3 container metadata handler: unable to get container ID from request: "
            + "unable to get docker ID from v3 endpoint ID: " + UNKNOWN_ID);
    assertError(get("/v3/" + UNKNOWN_ID + "/task"), 500,
        "V3 task metadata handler: unable to get task arn from request: "
            + "unable to get task Arn from v3 endpoint ID: " + UNKNOWN_ID);
  }

  @Test
  void malformedEndpointIdsAre400AndNeverEchoed() throws Exception {
    String longId = "a".repeat(200);
    for (String path : new String[] {
        "/v4/", "/v4//task", "/v4/" + longId, "/v4/" + longId + "/task", "/v4/..", "/v4/../task",
        "/v4/%2E%2E", "/v4/a%2Fb", "/v4/%3Cscript%3E", "/v3/", "/v3//task"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).asText()).as(path).endsWith("invalid endpoint ID in request");
    }
  }

  @Test
  void pathsOutsideTheRoutesAre404() throws Exception {
    for (String path : new String[] {"/v4", "/v4/" + ENDPOINT_ID + "/", "/v4/" + ENDPOINT_ID + "/tasks",
        "/v5/" + ENDPOINT_ID, "/v4/" + ENDPOINT_ID + "/task/"}) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void dotSegmentsAreNotResolved() throws Exception {
    // A raw client can send dot segments; they are not normalised into another route.
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertThat(connection.get("/v4/" + ENDPOINT_ID + "/../" + ENDPOINT_ID).status()).isEqualTo(404);
      assertThat(connection.get("/v4/../task").status()).isEqualTo(400);
    }
  }

  @Test
  void v2FromAnAddressNoContainerHasIsTheOriginals400() throws Exception {
    for (String path : new String[] {"/v2/metadata", "/v2/metadata/abc", "/v2/stats", "/v2/stats/abc"}) {
      assertError(get(path), 400, "Unable to get task arn from request: unable to associate '127.0.0.1' with task");
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
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
