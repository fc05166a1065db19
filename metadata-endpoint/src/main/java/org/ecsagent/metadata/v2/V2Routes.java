package org.ecsagent.metadata.v2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ecsagent.metadata.ContainerMetadata;
import org.ecsagent.metadata.ContainerStats;
import org.ecsagent.metadata.ContainerStatsSource;
import org.ecsagent.metadata.EndpointIds;
import org.ecsagent.metadata.TaskMetadata;
import org.ecsagent.metadata.TaskMetadataSource;
import org.ecsagent.metadata.TaskTagsSource;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * Task metadata endpoint v2: no ID in the URL; the caller's task is the one with a container at
 * the request's source address ({@link TaskMetadataSource#endpointIdByAddress}). The original
 * matches awsvpc task addresses; here a bridge container's address is matched, best effort: when
 * the request comes through a NAT (169.254.170.2 DNAT may masquerade) nothing matches, and the
 * answer is the original's 400 with a JSON string naming the address, never a guess.
 *
 * <ul>
 *   <li>{@code /v2/metadata} (and {@code /v2/metadata/}): the task;</li>
 *   <li>{@code /v2/metadata/<dockerId>}: one container of the caller's task;</li>
 *   <li>{@code /v2/metadataWithTags}: the task with tags, as v4's {@code taskWithTags};</li>
 *   <li>{@code /v2/stats} (and {@code /v2/stats/}): Docker ID to Docker stats, {@code null} for
 *       a container with none yet;</li>
 *   <li>{@code /v2/stats/<dockerId>}: one container's Docker stats.</li>
 * </ul>
 */
public final class V2Routes implements Routes {
  private static final String CONTAINER_ID = "containerId";

  private final TaskMetadataSource source;
  private final ContainerStatsSource stats;
  private final TaskTagsSource tags;

  public V2Routes(TaskMetadataSource source, ContainerStatsSource stats, TaskTagsSource tags) {
    this.source = Objects.requireNonNull(source);
    this.stats = Objects.requireNonNull(stats);
    this.tags = Objects.requireNonNull(tags);
  }

  @Override
  public void register(Router router) {
    router.get("/v2/metadata", this::task);
    router.get("/v2/metadata/{" + CONTAINER_ID + "}", this::container);
    router.getAsync("/v2/metadataWithTags", this::taskWithTags);
    router.get("/v2/stats", this::taskStats);
    router.get("/v2/stats/{" + CONTAINER_ID + "}", this::containerStats);
  }

  /** The endpoint ID of the caller's container, found by its address; empty if none matches. */
  public static Optional<String> callerEndpointId(Request request, TaskMetadataSource source) {
    String address = callerAddress(request);
    return address.isEmpty() ? Optional.empty() : source.endpointIdByAddress(address);
  }

  private Response task(Request request) {
    return callerTask(request).map(Response::ok).orElseGet(() -> unknownCaller(request));
  }

  private Response container(Request request) {
    String dockerId = request.pathParameter(CONTAINER_ID);
    if (dockerId.isEmpty()) { // "/v2/metadata/" is the task, as in the original
      return task(request);
    }
    Optional<TaskMetadata> task = callerTask(request);
    if (task.isEmpty()) {
      return unknownCaller(request);
    }
    return containerOf(task.get(), dockerId).map(Response::ok)
        .orElseGet(() -> Response.json(400, "Unable to generate metadata for container '" + shown(dockerId) + "'"));
  }

  private CompletionStage<Response> taskWithTags(Request request) {
    Optional<TaskMetadata> task = callerTask(request);
    if (task.isEmpty()) {
      return CompletableFuture.completedFuture(unknownCaller(request));
    }
    return tags.withTags(task.get()).thenApply(Response::ok);
  }

  private Response taskStats(Request request) {
    Optional<TaskMetadata> task = callerTask(request);
    if (task.isEmpty()) {
      return unknownCaller(request);
    }
    Map<String, JsonNode> body = new LinkedHashMap<>();
    stats.taskStats(task.get()).forEach((dockerId, found) -> body.put(dockerId, found.map(ContainerStats::dockerJson)
        .orElse(null)));
    return Response.ok(body);
  }

  private Response containerStats(Request request) {
    String dockerId = request.pathParameter(CONTAINER_ID);
    if (dockerId.isEmpty()) {
      return taskStats(request);
    }
    Optional<TaskMetadata> task = callerTask(request);
    if (task.isEmpty()) {
      return unknownCaller(request);
    }
    return containerOf(task.get(), dockerId)
        .flatMap(container -> stats.stats(container.dockerId()))
        .map(found -> Response.ok(found.dockerJson()))
        .orElseGet(() -> Response.json(400, EndpointIds.noStats(shown(dockerId))));
  }

  private Optional<TaskMetadata> callerTask(Request request) {
    return callerEndpointId(request, source).flatMap(source::task);
  }

  /** Only the caller's own task's containers: the original looks any container up, which tells a task about others. */
  private static Optional<ContainerMetadata> containerOf(TaskMetadata task, String dockerId) {
    return task.containers().stream().filter(container -> container.dockerId().equals(dockerId)).findFirst();
  }

  private static Response unknownCaller(Request request) {
    return Response.json(400, "Unable to get task arn from request: unable to associate '" + callerAddress(request)
        + "' with task");
  }

  private static String callerAddress(Request request) {
    return request.remoteAddress() == null || request.remoteAddress().getAddress() == null
        ? "" : request.remoteAddress().getAddress().getHostAddress();
  }

  /** A Docker ID from the URL is echoed only if it looks like one. */
  private static String shown(String dockerId) {
    return dockerId.matches("[A-Za-z0-9_.-]{1,128}") ? dockerId : "(malformed)";
  }
}
