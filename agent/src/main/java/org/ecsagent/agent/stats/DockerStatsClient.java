package org.ecsagent.agent.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DockerStats} over docker-java's HTTP transport, speaking the Engine API directly.
 *
 * <p>Why not {@code DockerClient.statsCmd(id).withNoStream(true)}: that asks for
 * {@code stream=false}, for which Docker waits for a second sample (2-2.5 s per call, measured on
 * Docker 20.10) to fill {@code precpu_stats}, and docker-java's {@code Statistics} model drops
 * {@code name}, {@code id} and unknown fields. Here the daemon is asked for
 * {@code stream=false&one-shot=true} (API 1.41+), which answers at its collector's next tick
 * (0.2-1.2 s); the cache fills {@code precpu_stats} from the previous poll. The raw JSON
 * is kept, so the endpoint serves exactly Docker's shape. On an older daemon, {@code stream=false}
 * alone is used.
 *
 * <p>The API version is negotiated as {@code DockerJavaGateway.connect} does: an unversioned
 * {@code /version} call, then every path is prefixed with the daemon's version.
 */
final class DockerStatsClient implements DockerStats {
  private static final Logger log = LoggerFactory.getLogger(DockerStatsClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  /** The API version that added {@code one-shot}. */
  private static final String ONE_SHOT_SINCE = "1.41";

  private final DockerHttpClient http;
  private final String apiPrefix;
  private final String statsQuery;

  private DockerStatsClient(DockerHttpClient http, String apiVersion) {
    this.http = http;
    this.apiPrefix = "/v" + apiVersion;
    this.statsQuery = supportsOneShot(apiVersion) ? "?stream=false&one-shot=true" : "?stream=false";
  }

  /** Connects to {@code dockerHost} (unix:// or tcp://) and learns its API version. */
  static DockerStatsClient connect(URI dockerHost, int maxConnections, Duration timeout) {
    DockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(dockerHost)
        .maxConnections(maxConnections)
        .connectionTimeout(timeout)
        .responseTimeout(timeout)
        .build();
    try {
      String apiVersion = get(http, "/version", "version").orElseThrow(
          () -> new DockerStatsException("version: Docker answered 404", null)).path("ApiVersion").asText();
      if (apiVersion.isEmpty()) {
        throw new DockerStatsException("version: Docker did not say its API version", null);
      }
      log.info("stats client: Docker API {} at {}{}", apiVersion, dockerHost,
          supportsOneShot(apiVersion) ? "" : " (no one-shot stats: each poll waits for two samples)");
      return new DockerStatsClient(http, apiVersion);
    } catch (RuntimeException e) {
      closeQuietly(http);
      throw e;
    }
  }

  @Override
  public Optional<ObjectNode> sample(String containerId) {
    return get(http, apiPrefix + "/containers/" + checked(containerId) + "/stats" + statsQuery, "stats " + containerId)
        .map(json -> {
          if (!json.isObject()) {
            throw new DockerStatsException("stats " + containerId + ": not a JSON object", null);
          }
          return (ObjectNode) json;
        });
  }

  @Override
  public Optional<List<ContainerNetwork>> networks(String containerId) {
    return get(http, apiPrefix + "/containers/" + checked(containerId) + "/json", "inspect " + containerId)
        .map(DockerStatsClient::networksOf);
  }

  /** {@code NetworkSettings.Networks}: name → {@code {"IPAddress": ...}}; an empty address means none. */
  static List<ContainerNetwork> networksOf(JsonNode inspect) {
    List<ContainerNetwork> networks = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = inspect.path("NetworkSettings").path("Networks").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> network = it.next();
      String address = network.getValue().path("IPAddress").asText("");
      networks.add(new ContainerNetwork(network.getKey(), address.isEmpty() ? List.of() : List.of(address)));
    }
    return networks;
  }

  @Override
  public void close() {
    closeQuietly(http);
  }

  private static Optional<JsonNode> get(DockerHttpClient http, String path, String operation) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET)
        .path(path)
        .build();
    try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
      int status = response.getStatusCode();
      if (status == 404) {
        return Optional.empty();
      }
      if (status != 200) {
        throw new DockerStatsException(operation + ": Docker answered " + status + ": " + errorMessage(body), null);
      }
      return Optional.of(JSON.readTree(body));
    } catch (IOException | RuntimeException e) {
      if (e instanceof DockerStatsException known) {
        throw known;
      }
      throw new DockerStatsException(operation + ": " + rootMessage(e), e);
    }
  }

  /** Docker's {@code {"message": ...}}, or as much of the body as is useful. */
  private static String errorMessage(InputStream body) throws IOException {
    String text = new String(body.readNBytes(1024), StandardCharsets.UTF_8);
    try {
      JsonNode message = JSON.readTree(text).path("message");
      return message.isTextual() ? message.asText() : text.strip();
    } catch (IOException notJson) {
      return text.strip();
    }
  }

  static boolean supportsOneShot(String apiVersion) {
    return compareVersions(apiVersion, ONE_SHOT_SINCE) >= 0;
  }

  /** Compares dotted versions numerically: 1.41 > 1.9. */
  static int compareVersions(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int l = i < left.length ? parseOrZero(left[i]) : 0;
      int r = i < right.length ? parseOrZero(right[i]) : 0;
      if (l != r) {
        return Integer.compare(l, r);
      }
    }
    return 0;
  }

  private static int parseOrZero(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String checked(String containerId) {
    if (!CONTAINER_ID.matcher(containerId).matches()) {
      throw new IllegalArgumentException("not a container ID: " + containerId);
    }
    return containerId;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing a client: nothing to recover.
    }
  }
}
