package org.ecsagent.metadata.v4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * Task metadata endpoint v4 ({@code ECS_CONTAINER_METADATA_URI_V4}): {@code /v4/<endpointId>}
 * (the container), {@code /task}, {@code /taskWithTags}, {@code /stats} and {@code /task/stats}.
 * Answers and errors are the original's, word for word, because users match on them:
 *
 * <ul>
 *   <li>an unknown ID is a 404 with a JSON string body;</li>
 *   <li>{@code /stats} of a container with no stats collected is a 500;</li>
 *   <li>{@code /task/stats} maps each container's Docker ID to its stats, {@code {}} for one with
 *       none yet, so one missing sample never fails the whole answer;</li>
 *   <li>{@code /taskWithTags} adds {@code TaskTags} and {@code ContainerInstanceTags}, and for
 *       each that could not be fetched an entry in {@code Errors} (as newer originals do).</li>
 * </ul>
 */
public final class V4Routes implements Routes {
  private static final String ENDPOINT_ID = "endpointId";
  private static final String CONTAINER_HANDLER = "V4 container metadata handler";
  private static final String TASK_HANDLER = "V4 task metadata handler";
  private static final String CONTAINER_STATS_HANDLER = "V4 container stats handler";
  private static final String TASK_STATS_HANDLER = "V4 task stats handler";

  private final TaskMetadataSource source;
  private final ContainerStatsSource stats;
  private final TaskTagsSource tags;

  public V4Routes(TaskMetadataSource source, ContainerStatsSource stats, TaskTagsSource tags) {
    this.source = Objects.requireNonNull(source);
    this.stats = Objects.requireNonNull(stats);
    this.tags = Objects.requireNonNull(tags);
  }

  @Override
  public void register(Router router) {
    router.get("/v4/{" + ENDPOINT_ID + "}", this::container);
    router.get("/v4/{" + ENDPOINT_ID + "}/task", this::task);
    router.getAsync("/v4/{" + ENDPOINT_ID + "}/taskWithTags", this::taskWithTags);
    router.get("/v4/{" + ENDPOINT_ID + "}/stats", this::containerStats);
    router.get("/v4/{" + ENDPOINT_ID + "}/task/stats", this::taskStats);
  }

  private Response container(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(CONTAINER_HANDLER);
    }
    return source.container(id).map(Response::ok)
        .orElseGet(() -> Response.json(404, CONTAINER_HANDLER + ": " + EndpointIds.unknownContainer(id)));
  }

  private Response task(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(TASK_HANDLER);
    }
    return source.task(id).map(Response::ok)
        .orElseGet(() -> Response.json(404, TASK_HANDLER + ": " + EndpointIds.unknownTask(id)));
  }

  /** The task with tags; a tag lookup that fails is an entry in {@code Errors}, not a failed request. */
  private CompletionStage<Response> taskWithTags(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return CompletableFuture.completedFuture(invalidId(TASK_HANDLER));
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return CompletableFuture.completedFuture(Response.json(404, TASK_HANDLER + ": " + EndpointIds.unknownTask(id)));
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
      return Response.json(404, CONTAINER_STATS_HANDLER + ": " + EndpointIds.unknownTask(id));
    }
    String dockerId = container.get().dockerId();
    if (dockerId.isEmpty()) { // not created by Docker yet
      return Response.json(404, CONTAINER_STATS_HANDLER + ": " + EndpointIds.unknownContainer(id));
    }
    return stats.stats(dockerId).map(found -> Response.ok(found.v4Json()))
        .orElseGet(() -> Response.json(500, EndpointIds.noStats(dockerId)));
  }

  private Response taskStats(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(TASK_STATS_HANDLER);
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return Response.json(404, TASK_STATS_HANDLER + ": " + EndpointIds.unknownTask(id));
    }
    Map<String, JsonNode> body = new LinkedHashMap<>();
    stats.taskStats(task.get()).forEach((dockerId, found) ->
        body.put(dockerId, found.map(ContainerStats::v4Json).orElseGet(JsonNodeFactory.instance::objectNode)));
    return Response.ok(body);
  }

  private static Response invalidId(String handler) {
    return Response.json(400, handler + ": invalid endpoint ID in request");
  }
}
