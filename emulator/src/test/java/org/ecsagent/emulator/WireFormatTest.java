package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The awsJson1_1 wire format as a client without an SDK sees it. */
class WireFormatTest {
  static Fixture fixture;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    fixture = Fixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void answersWithJsonAndARequestId() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(json.readTree(response.body()).path("clusterArns").isArray()).isTrue();
  }

  @Test
  void writesTimestampsAsEpochSecondsNumbers() throws Exception {
    String body = "{\"family\":\"ts\",\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"b\",\"memory\":8}]}";
    String response = post("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", body).body();

    // A plain decimal, never 1.7E9: that is what SDKs and the CLI parse.
    assertThat(response).containsPattern("\"registeredAt\":\\d{10}\\.\\d{3}[,}]");
  }

  @Test
  void refusesUnparseableJsonAsSerializationException() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void refusesWronglyTypedMembersAsSerializationException() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{\"maxResults\":\"many\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void refusesUnknownOperations() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.LaunchRocket", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json.readTree(response.body());
    assertThat(error.path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(error.path("message").asText()).contains("LaunchRocket");
  }

  @Test
  void givesErrorsTheModelsShape() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.DescribeTasks",
        "{\"cluster\":\"nowhere\",\"tasks\":[\"x\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json.readTree(response.body());
    assertThat(error.path("__type").asText()).isEqualTo("ClusterNotFoundException");
    assertThat(error.path("message").asText()).isEqualTo("Cluster not found.");
  }

  @Test
  void acceptsAnEmptyBody() throws Exception {
    assertThat(post("AmazonEC2ContainerServiceV20141113.ListClusters", "").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> post(String target, String body) throws Exception {
    URI uri = fixture.emulator.endpoint().resolve("/");
    return http.send(HttpRequest.newBuilder(uri)
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ecs/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=deadbeef")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
