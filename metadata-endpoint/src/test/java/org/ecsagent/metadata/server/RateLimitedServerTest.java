package org.ecsagent.metadata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsagent.metadata.server.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's rate limit, as callers see it: 429 once their task's bucket is empty. */
class RateLimitedServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code /tasks/{task}/x}: the path names the task, as an endpoint ID does for the real routes. */
  private static final Routes PER_TASK_ROUTES = new Routes() {
    @Override
    public void register(Router router) {
      router.get("/tasks/{task}/x", request -> Response.ok(Map.of("task", request.pathParameter("task"))));
      router.get("/shared", request -> Response.ok("shared"));
    }

    @Override
    public Optional<String> rateLimitKey(Request request) {
      return Optional.ofNullable(request.pathParameters().get("task"));
    }
  };

  private final AtomicLong now = new AtomicLong();
  private EndpointServer server;

  @BeforeEach
  void start() {
    server = EndpointServer.builder().routes(PER_TASK_ROUTES).rateLimit(new RateLimit(1, 2)).ticker(now::get)
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answers429WithTheOriginalsMessageOnceTheBurstIsSpent() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertThat(connection.get("/tasks/a/x").status()).isEqualTo(200);
      assertThat(connection.get("/tasks/a/x").status()).isEqualTo(200);

      RawResponse refused = connection.get("/tasks/a/x");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.headers()).containsEntry("content-type", "application/json").containsEntry("retry-after", "1");
      JsonNode body = JSON.readTree(refused.body());
      assertThat(body.get("code").asText()).isEqualTo("TooManyRequests");
      assertThat(body.get("message").asText()).isEqualTo("You have reached maximum request limit.");
      assertThat(connection.get("/tasks/a/x").status()).as("connection still usable").isEqualTo(429);
    }
    assertThat(server.throttledRequests()).isEqualTo(2);
  }

  @Test
  void oneTaskOverItsLimitDoesNotSlowAnother() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      for (int i = 0; i < 5; i++) {
        connection.get("/tasks/noisy/x");
      }

      assertThat(connection.get("/tasks/quiet/x").status()).isEqualTo(200);
      assertThat(connection.get("/shared").status()).isEqualTo(200);
    }
  }

  @Test
  void allowsAgainAfterTheSteadyRateRefills() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.get("/tasks/a/x");
      connection.get("/tasks/a/x");
      assertThat(connection.get("/tasks/a/x").status()).isEqualTo(429);

      now.addAndGet(TimeUnit.SECONDS.toNanos(1));

      assertThat(connection.get("/tasks/a/x").status()).isEqualTo(200);
      assertThat(connection.get("/tasks/a/x").status()).isEqualTo(429);
    }
  }

  @Test
  void requestsWithoutAKeyAndUnknownPathsShareOneBucket() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertThat(connection.get("/shared").status()).isEqualTo(200);
      assertThat(connection.get("/no/such/path").status()).isEqualTo(404);

      assertThat(connection.get("/shared").status()).isEqualTo(429);
      assertThat(connection.get("/no/such/path").status()).isEqualTo(429);
      assertThat(connection.get("/tasks/a/x").status()).as("a task's own bucket is untouched").isEqualTo(200);
    }
  }

  @Test
  void aFailingKeyLookupCountsAgainstTheSharedBucketInsteadOfFailingTheRequest() throws Exception {
    Routes brokenKey = new Routes() {
      @Override
      public void register(Router router) {
        router.get("/x", request -> Response.ok("x"));
      }

      @Override
      public Optional<String> rateLimitKey(Request request) {
        throw new IllegalStateException("lookup failed");
      }
    };
    try (EndpointServer broken = EndpointServer.builder().routes(brokenKey).rateLimit(new RateLimit(1, 1))
            .ticker(now::get).build().start();
        RawHttpConnection connection = new RawHttpConnection(broken.port())) {
      assertThat(connection.get("/x").status()).isEqualTo(200);
      assertThat(connection.get("/x").status()).isEqualTo(429);
    }
  }

  @Test
  void isUnlimitedUnlessConfigured() throws Exception {
    try (EndpointServer unlimited = EndpointServer.builder().routes(PER_TASK_ROUTES).ticker(now::get).build().start();
        RawHttpConnection connection = new RawHttpConnection(unlimited.port())) {
      for (int i = 0; i < 50; i++) {
        assertThat(connection.get("/tasks/a/x").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void rejectsANonsensicalLimit() {
    assertThatThrownBy(() -> new RateLimit(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimit.TASK_METADATA_DEFAULT).isEqualTo(new RateLimit(40, 60));
  }
}
