package org.ecsagent.metadata.v3;

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
 * Task metadata endpoint v3 ({@code ECS_CONTAINER_METADATA_URI}): {@code /v3/<endpointId>},
 * {@code /task}, {@code /taskWithTags}, {@code /stats} and {@code /task/stats}. It serves the same records as v4 (v4
 * only adds fields), and the Docker stats without v4's network rates. Unknown IDs are answered as
 * the original does: 400, except 500 (sic) for the task, with its JSON string messages; a
 * container with no stats collected is a 400; in {@code /task/stats} it is {@code null}. Unlike
 * the original's v3, a tag lookup that fails is reported in {@code Errors}, as in v4.
 */
public final class V3Routes implements Routes {
  private static final String ENDPOINT_ID = "endpointId";
  private static final String CONTAINER_HANDLER = "V3 container metadata handler";
  private static final String TASK_HANDLER = "V3 task metadata handler";
  private static final String CONTAINER_STATS_HANDLER = "V3 container stats handler";
  private static final String TASK_STATS_HANDLER = "V3 task stats handler";

  private final TaskMetadataSource source;
  private final ContainerStatsSource stats;
  private final TaskTagsSource tags;

  public V3Routes(TaskMetadataSource source, ContainerStatsSource stats, TaskTagsSource tags) {
    this.source = Objects.requireNonNull(source);
    this.stats = Objects.requireNonNull(stats);
    this.tags = Objects.requireNonNull(tags);
  }

  @Override
  public void register(Router router) {
    router.get("/v3/{" + ENDPOINT_ID + "}", this::container);
    router.get("/v3/{" + ENDPOINT_ID + "}/task", this::task);
    router.getAsync("/v3/{" + ENDPOINT_ID + "}/taskWithTags", this::taskWithTags);
    router.get("/v3/{" + ENDPOINT_ID + "}/stats", this::containerStats);
    router.get("/v3/{" + ENDPOINT_ID + "}/task/stats", this::taskStats);
  }

  private Response container(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(CONTAINER_HANDLER);
    }
    return source.container(id).map(Response::ok)
        .orElseGet(() -> Response.json(400, CONTAINER_HANDLER + ": " + EndpointIds.unknownContainer(id)));
  }

  private Response task(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(TASK_HANDLER);
    }
    // The original answers an unknown ID here with 500; clients written against it expect that.
    return source.task(id).map(Response::ok)
        .orElseGet(() -> Response.json(500, TASK_HANDLER + ": " + EndpointIds.unknownTask(id)));
  }

  /** The task with tags; a tag lookup that fails is an entry in {@code Errors}, not a failed request. */
  private CompletionStage<Response> taskWithTags(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return CompletableFuture.completedFuture(invalidId(TASK_HANDLER));
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return CompletableFuture.completedFuture(Response.json(500, TASK_HANDLER + ": " + EndpointIds.unknownTask(id)));
    }
    return tags.withTags(task.get()).thenApply(Response::ok);
  }

  private Response containerStats(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(CONTAINER_STATS_HANDLER);
    }
    Optional<ContainerMetadata> container = source.container(id);
    if (container.isEmpty()) {
      return Response.json(400, CONTAINER_STATS_HANDLER + ": " + EndpointIds.unknownTask(id));
    }
    String dockerId = container.get().dockerId();
    if (dockerId.isEmpty()) {
      return Response.json(400, CONTAINER_STATS_HANDLER + ": " + EndpointIds.unknownContainer(id));
    }
    return stats.stats(dockerId).map(found -> Response.ok(found.dockerJson()))
        .orElseGet(() -> Response.json(400, EndpointIds.noStats(dockerId)));
  }

  private Response taskStats(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(TASK_STATS_HANDLER);
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return Response.json(400, TASK_STATS_HANDLER + ": " + EndpointIds.unknownTask(id));
    }
    Map<String, JsonNode> body = new LinkedHashMap<>();
    stats.taskStats(task.get()).forEach((dockerId, found) -> body.put(dockerId, found.map(ContainerStats::dockerJson)
        .orElse(null)));
    return Response.ok(body);
  }

  private static Response invalidId(String handler) {
    return Response.json(400, handler + ": invalid endpoint ID in request");
  }
}
