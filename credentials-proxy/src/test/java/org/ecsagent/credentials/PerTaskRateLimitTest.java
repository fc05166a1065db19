package org.ecsagent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS_ID;
import static org.ecsagent.credentials.FakeSources.ENDPOINT_ID;
import static org.ecsagent.credentials.FakeSources.TASK;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsagent.metadata.ContainerMetadata;
import org.ecsagent.metadata.MetadataRoutes;
import org.ecsagent.metadata.TaskMetadata;
import org.ecsagent.metadata.TaskMetadataSource;
import org.ecsagent.metadata.server.EndpointServer;
import org.ecsagent.metadata.server.RateLimit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's 51679 server with a rate limit: metadata and credentials requests of one task draw
 * on that task's bucket, so another task (and unknown IDs) keep being served.
 */
class PerTaskRateLimitTest {
  private static final String OTHER_ENDPOINT_ID = "0d2b7c4a-1111-4b8e-9d2c-1a2b3c4d5e6f";
  private static final TaskMetadata OTHER_TASK = TaskMetadata.builder()
      .cluster("default").taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/other").build();

  private static final TaskMetadataSource TWO_TASKS = new TaskMetadataSource() {
    private final Map<String, TaskMetadata> tasks = Map.of(ENDPOINT_ID, TASK, OTHER_ENDPOINT_ID, OTHER_TASK);

    @Override
    public Optional<ContainerMetadata> container(String endpointId) {
      return tasks.containsKey(endpointId) ? Optional.of(FakeSources.CONTAINER) : Optional.empty();
    }

    @Override
    public Optional<TaskMetadata> task(String endpointId) {
      return Optional.ofNullable(tasks.get(endpointId));
    }
  };

  private static final CredentialsSource CREDENTIALS_OF_TASK = new CredentialsSource() {
    @Override
    public Optional<RoleCredentials> credentials(String credentialsId) {
      return CREDENTIALS_ID.equals(credentialsId) ? Optional.of(CREDENTIALS) : Optional.empty();
    }

    @Override
    public Optional<String> taskArn(String credentialsId) {
      return CREDENTIALS_ID.equals(credentialsId) ? Optional.of(TASK.taskArn()) : Optional.empty();
    }
  };

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong now = new AtomicLong();
  private EndpointServer server;

  @BeforeEach
  void start() {
    server = EndpointServer.builder()
        .routes(new MetadataRoutes(TWO_TASKS), new CredentialsRoutes(CREDENTIALS_OF_TASK))
        .rateLimit(new RateLimit(1, 3))
        .ticker(now::get)
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metadataAndCredentialsOfOneTaskShareItsBucket() throws Exception {
    assertThat(status("/v4/" + ENDPOINT_ID)).isEqualTo(200);
    assertThat(status("/v2/credentials/" + CREDENTIALS_ID)).isEqualTo(200);
    assertThat(status("/v1/credentials?id=" + CREDENTIALS_ID)).isEqualTo(200);

    assertThat(status("/v4/" + ENDPOINT_ID + "/task")).isEqualTo(429);
    assertThat(status("/v2/credentials/" + CREDENTIALS_ID)).isEqualTo(429);

    assertThat(status("/v4/" + OTHER_ENDPOINT_ID + "/task")).as("another task").isEqualTo(200);
    assertThat(status("/v4/ffffffff-0000-0000-0000-000000000000"))
        .as("unknown IDs use the shared bucket").isEqualTo(404);

    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(status("/v4/" + ENDPOINT_ID + "/task")).isEqualTo(200);
  }

  @Test
  void unknownIdsExhaustOnlyTheSharedBucket() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(status("/v4/ffffffff-0000-0000-0000-00000000000" + i)).isEqualTo(404);
    }
    assertThat(status("/v4/ffffffff-0000-0000-0000-000000000009")).isEqualTo(429);
    assertThat(status("/v2/credentials/nope")).isEqualTo(429);

    assertThat(status("/v4/" + ENDPOINT_ID)).as("a known task is unaffected").isEqualTo(200);
  }

  private int status(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
