package org.ecsagent.metadata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ecsagent.metadata.server.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handlers that answer later: the answer is written when ready, in request order, or 503 if too late. */
class AsyncHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each request to /later parks its answer here for the test to complete. */
  private final BlockingQueue<CompletableFuture<Response>> parked = new LinkedBlockingQueue<>();
  private final Routes routes = router -> router
      .getAsync("/later", request -> {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        parked.add(answer);
        return answer;
      })
      .getAsync("/failing", request -> CompletableFuture.failedFuture(new IllegalStateException("secret-detail")))
      .getAsync("/throwing", request -> {
        throw new IllegalStateException("secret-detail");
      })
      .get("/now", request -> Response.ok("now"));
  private EndpointServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private EndpointServer start(Duration asyncTimeout, Duration idleTimeout) {
    server = EndpointServer.builder().routes(routes).asyncTimeout(asyncTimeout).idleTimeout(idleTimeout)
        .build().start();
    return server;
  }

  @Test
  void writesTheAnswerWhenTheStageCompletes() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
      CompletableFuture<Response> answer = parked.poll(5, TimeUnit.SECONDS);

      CompletableFuture.runAsync(() -> answer.complete(Response.ok(Map.of("answer", 42))));

      RawResponse response = connection.readResponse();
      assertThat(response.status()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).get("answer").asInt()).isEqualTo(42);
      assertThat(connection.get("/now").status()).as("connection still usable").isEqualTo(200);
    }
  }

  @Test
  void keepsPipelinedAnswersInRequestOrder() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
      CompletableFuture<Response> first = parked.poll(5, TimeUnit.SECONDS);
      first.complete(Response.ok("first"));
      CompletableFuture<Response> third = parked.poll(5, TimeUnit.SECONDS);
      third.complete(Response.ok("third"));

      assertThat(connection.readResponse().body()).isEqualTo("\"first\"");
      assertThat(connection.readResponse().body()).isEqualTo("\"now\"");
      assertThat(connection.readResponse().body()).isEqualTo("\"third\"");
    }
  }

  @Test
  void answers503WhenTheAnswerTakesLongerThanTheAsyncTimeout() throws Exception {
    start(Duration.ofMillis(200), Duration.ofSeconds(5));
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.get("/later");

      assertThat(response.status()).isEqualTo(503);
      assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("ServiceUnavailable");
      parked.poll().complete(Response.ok("too late"));
      assertThat(connection.get("/now").body()).as("the late answer is dropped").isEqualTo("\"now\"");
    }
  }

  @Test
  void aFailedStageOrAThrowingHandlerIs500WithoutDetails() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      for (String path : new String[] {"/failing", "/throwing"}) {
        RawResponse response = connection.get(path);

        assertThat(response.status()).as(path).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret-detail");
      }
    }
  }

  @Test
  void aConnectionWaitingForAnAnswerIsNotClosedAsIdle() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofMillis(100));
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
      CompletableFuture<Response> answer = parked.poll(5, TimeUnit.SECONDS);
      await().pollDelay(Duration.ofMillis(400)).until(() -> true); // several idle timeouts pass

      answer.complete(Response.ok("late but fine"));

      assertThat(connection.readResponse().status()).isEqualTo(200);
      assertThat(connection.closedByServer()).as("idle again after the answer").isTrue();
    }
  }
}
