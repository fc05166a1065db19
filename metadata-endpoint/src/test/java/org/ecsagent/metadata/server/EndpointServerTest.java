package org.ecsagent.metadata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ecsagent.metadata.server.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Routes TEST_ROUTES = router -> router
      .get("/hello", request -> Response.ok(Map.of("hello", "world")))
      .get("/items/{id}", request -> Response.ok(Map.of(
          "id", request.pathParameter("id"), "q", request.queryParameter("q").orElse("-"))))
      .get("/items/special", request -> Response.ok("special"))
      .get("/boom", request -> {
        throw new IllegalStateException("secret-detail");
      })
      .get("/whoami", request -> Response.ok(request.remoteAddress().getAddress().getHostAddress()));

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private EndpointServer server;

  @BeforeEach
  void start() {
    server = EndpointServer.builder().name("test").routes(TEST_ROUTES).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersJsonFromTheMatchingRoute() throws Exception {
    HttpResponse<String> response = get("/hello");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"hello\":\"world\"}"));
  }

  @Test
  void listensOnAnEphemeralLoopbackPortWhenAskedForPortZero() {
    assertThat(server.port()).isPositive();
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void passesPercentDecodedPathAndQueryParametersToTheHandler() throws Exception {
    JsonNode body = json(get("/items/a%20b+c?q=x%2By"));

    assertThat(body.get("id").asText()).isEqualTo("a b+c");
    assertThat(body.get("q").asText()).isEqualTo("x+y");
  }

  @Test
  void keepsAnEncodedSlashInsideItsSegment() throws Exception {
    assertThat(json(get("/items/a%2Fb")).get("id").asText()).isEqualTo("a/b");
  }

  @Test
  void prefersALiteralSegmentOverAParameter() throws Exception {
    assertThat(get("/items/special").body()).isEqualTo("\"special\"");
  }

  @Test
  void givesTheHandlerTheCallersAddress() throws Exception {
    assertThat(get("/whoami").body()).isEqualTo("\"127.0.0.1\"");
  }

  @Test
  void answersAnUnknownPathWith404Json() throws Exception {
    for (String path : new String[] {"/", "/nope", "/hello/", "/items", "/items/a/b"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(json(response).get("code").asText()).isEqualTo("NotFound");
    }
  }

  @Test
  void answersAnotherMethodOnAKnownPathWith405() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/hello")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    assertThat(json(response).get("code").asText()).isEqualTo("MethodNotAllowed");
  }

  @Test
  void answersAFailingHandlerWith500AndNoDetails() throws Exception {
    HttpResponse<String> response = get("/boom");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response)).isEqualTo(JSON.readTree(
        "{\"code\":\"InternalServerError\",\"message\":\"Internal server error\"}"));
    assertThat(response.body()).doesNotContain("secret-detail", "Exception", "at org.");
    assertThat(get("/hello").statusCode()).as("server still serving").isEqualTo(200);
  }

  @Test
  void answersMalformedPercentEncodingWith400() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.get("/items/%zz");

      assertThat(response.status()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("BadRequest");
    }
  }

  @Test
  void servesSeveralRequestsOnOneKeptAliveConnection() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse first = connection.get("/hello");
      RawResponse second = connection.get("/items/7");

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(JSON.readTree(second.body()).get("id").asText()).isEqualTo("7");
    }
  }

  @Test
  void closesTheConnectionWhenTheClientAsks() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(connection.readResponse().status()).isEqualTo(200);
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void rejectsOversizedHeadersWith431AndKeepsServing() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");

      RawResponse response = connection.readResponse();
      assertThat(response.status()).isEqualTo(431);
      assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("RequestHeaderFieldsTooLarge");
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsAnOverlongRequestLineWith414() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.get("/items/" + "a".repeat(5_000));

      assertThat(response.status()).isEqualTo(414);
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsAnOversizedBodyWith413AndKeepsServing() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");

      assertThat(connection.readResponse().status()).isEqualTo(413);
    }
    assertThat(get("/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void closesAConnectionThatSendsNoRequestInTime() throws Exception {
    try (EndpointServer impatient = EndpointServer.builder()
            .routes(TEST_ROUTES).idleTimeout(Duration.ofMillis(200)).build().start();
        RawHttpConnection connection = new RawHttpConnection(impatient.port())) {
      assertThat(connection.get("/hello").status()).isEqualTo(200);

      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void refusesToStartOnATakenPort() {
    EndpointServer second = EndpointServer.builder().port(server.port()).routes(TEST_ROUTES).build();
    try {
      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on");
    } finally {
      second.close();
    }
  }

  @Test
  void stopsAcceptingWhenClosed() {
    int port = server.port();
    server.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void leavesAnEventLoopItWasGivenRunning() throws Exception {
    NioEventLoopGroup shared = new NioEventLoopGroup(1);
    try {
      EndpointServer onShared = EndpointServer.builder().routes(TEST_ROUTES).eventLoop(shared).build().start();
      try (RawHttpConnection connection = new RawHttpConnection(onShared.port())) {
        assertThat(connection.get("/hello").status()).isEqualTo(200);
        onShared.close();
        assertThat(connection.closedByServer()).as("open connections closed").isTrue();
      }
      assertThat(shared.isShuttingDown()).isFalse();
    } finally {
      shared.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void cannotBeRestartedOnceClosed() {
    server.close();

    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void rejectsDuplicateAndMalformedRoutesWhenBuilt() {
    Routes duplicate = router -> router.get("/v4/{a}", request -> null).get("/v4/{b}", request -> null);

    assertThatThrownBy(() -> EndpointServer.builder().routes(duplicate).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
    for (String pattern : new String[] {"v4", "/v4/{", "/v4/{}", "/v4/a{b}"}) {
      Routes malformed = router -> router.get(pattern, request -> null);
      assertThatThrownBy(() -> EndpointServer.builder().routes(malformed).build())
          .as(pattern).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
