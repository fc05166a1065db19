package org.ecsagent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS_ID;
import static org.ecsagent.credentials.FakeSources.ENDPOINT_ID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.ecsagent.metadata.MetadataRoutes;
import org.ecsagent.metadata.server.EndpointServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Both route sets on one server, as the agent serves them on 51679. */
class CredentialsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNKNOWN_ID = "ffffffff-0000-0000-0000-000000000000";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Logger ourLogs = (Logger) LoggerFactory.getLogger("org.ecsagent");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level previousLevel;
  private EndpointServer server;

  @BeforeEach
  void start() {
    previousLevel = ourLogs.getLevel();
    ourLogs.setLevel(Level.DEBUG);
    ourLogs.setAdditive(false); // capture debug lines without printing them
    logged.start();
    ourLogs.addAppender(logged);
    server = EndpointServer.builder()
        .name("task-metadata")
        .routes(new MetadataRoutes(FakeSources.METADATA_SOURCE), new CredentialsRoutes(FakeSources.CREDENTIALS_SOURCE))
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
    ourLogs.detachAppender(logged);
    ourLogs.setLevel(previousLevel);
    ourLogs.setAdditive(true);
  }

  @Test
  void v2AnswersExactlyTheFieldsTheSdksRead() throws Exception {
    HttpResponse<String> response = get("/v2/credentials/" + CREDENTIALS_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(fieldNames(body)).containsExactly("RoleArn", "AccessKeyId", "SecretAccessKey", "Token", "Expiration");
    assertThat(body.get("RoleArn").asText()).isEqualTo(CREDENTIALS.roleArn());
    assertThat(body.get("AccessKeyId").asText()).isEqualTo(CREDENTIALS.accessKeyId());
    assertThat(body.get("SecretAccessKey").asText()).isEqualTo(CREDENTIALS.secretAccessKey());
    assertThat(body.get("Token").asText()).isEqualTo(CREDENTIALS.sessionToken());
    assertThat(body.get("Expiration").asText()).isEqualTo(CREDENTIALS.expiration());
  }

  @Test
  void v1AnswersTheSameBodyForTheIdQueryParameter() throws Exception {
    HttpResponse<String> v1 = get("/v1/credentials?id=" + CREDENTIALS_ID);

    assertThat(v1.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(v1.body())).isEqualTo(JSON.readTree(get("/v2/credentials/" + CREDENTIALS_ID).body()));
  }

  @Test
  void aMissingIdIsNoIdInRequest() throws Exception {
    for (String path : new String[] {"/v2/credentials/", "/v2/credentials"}) {
      assertError(get(path), "NoIdInRequest", "CredentialsV2Request: No Credential ID in the request");
    }
    for (String path : new String[] {"/v1/credentials", "/v1/credentials?id=", "/v1/credentials?other=x"}) {
      assertError(get(path), "NoIdInRequest", "CredentialsV1Request: No Credential ID in the request");
    }
  }

  @Test
  void anUnknownIdIsInvalidIdInRequest() throws Exception {
    assertError(get("/v2/credentials/" + UNKNOWN_ID), "InvalidIdInRequest", "CredentialsV2Request: Credentials not found");
    assertError(get("/v1/credentials?id=" + UNKNOWN_ID), "InvalidIdInRequest", "CredentialsV1Request: Credentials not found");
  }

  @Test
  void servesTaskMetadataOnTheSamePort() throws Exception {
    HttpResponse<String> response = get("/v4/" + ENDPOINT_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("Name").asText()).isEqualTo("app");
  }

  @Test
  void answersUnknownPathsWith404() throws Exception {
    for (String path : new String[] {"/v3/credentials/" + CREDENTIALS_ID, "/v2/credentials/" + CREDENTIALS_ID + "/x", "/credentials"}) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void logsRequestsWithoutSecretsOrTheFullId() throws Exception {
    get("/v2/credentials/" + CREDENTIALS_ID);
    get("/v1/credentials?id=" + CREDENTIALS_ID);
    get("/v2/credentials/" + UNKNOWN_ID);

    await().untilAsserted(() -> assertThat(messages())
        .anySatisfy(message -> assertThat(message).contains("credentials v2", CREDENTIALS_ID.substring(0, 8), "200"))
        .anySatisfy(message -> assertThat(message).contains("credentials v2", UNKNOWN_ID.substring(0, 8), "400")));
    assertThat(messages()).noneSatisfy(message -> assertThat(message).containsAnyOf(
        CREDENTIALS_ID, UNKNOWN_ID, CREDENTIALS.secretAccessKey(), CREDENTIALS.sessionToken()));
  }

  private List<String> messages() {
    synchronized (logged) {
      return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private static void assertError(HttpResponse<String> response, String code, String message) throws IOException {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(fieldNames(body)).containsExactly("code", "message");
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isEqualTo(message);
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
