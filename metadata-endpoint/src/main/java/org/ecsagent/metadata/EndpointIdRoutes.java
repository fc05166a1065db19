package org.ecsagent.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * The task metadata routes that name the caller by its endpoint ID, shared by v3 and v4:
 * {@code /v<n>/<endpointId>} (the container), {@code /task}, {@code /taskWithTags}, {@code /stats}
 * and {@code /task/stats}. What the versions answer differently is their {@link EndpointIdVersion}.
 *
 * <pre>{@code
 * new EndpointIdRoutes(EndpointIdVersion.V4, source, stats, tags).register(router);
 * }</pre>
 */
final class EndpointIdRoutes implements Routes {
  private static final String ENDPOINT_ID = MetadataRoutes.ENDPOINT_ID;

  private final EndpointIdVersion version;
  private final TaskMetadataSource source;
  private final ContainerStatsSource stats;
  private final TaskTagsSource tags;
  private final String containerHandler;
  private final String taskHandler;
  private final String containerStatsHandler;
  private final String taskStatsHandler;

  EndpointIdRoutes(EndpointIdVersion version, TaskMetadataSource source, ContainerStatsSource stats,
      TaskTagsSource tags) {
    this.version = Objects.requireNonNull(version);
    this.source = Objects.requireNonNull(source);
    this.stats = Objects.requireNonNull(stats);
    this.tags = Objects.requireNonNull(tags);
    this.containerHandler = version.handler("container metadata");
    this.taskHandler = version.handler("task metadata");
    this.containerStatsHandler = version.handler("container stats");
    this.taskStatsHandler = version.handler("task stats");
  }

  @Override
  public void register(Router router) {
    String root = "/" + version.name() + "/{" + ENDPOINT_ID + "}";
    router.get(root, this::container);
    router.get(root + "/task", this::task);
    router.getAsync(root + "/taskWithTags", this::taskWithTags);
    router.get(root + "/stats", this::containerStats);
    router.get(root + "/task/stats", this::taskStats);
  }

  private Response container(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(containerHandler);
    }
    return source.container(id).map(Response::ok)
        .orElseGet(() -> unknownContainer(version.unknownContainerStatus(), containerHandler, id));
  }

  private Response task(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(taskHandler);
    }
    return source.task(id).map(Response::ok)
        .orElseGet(() -> unknownTask(version.unknownTaskStatus(), taskHandler, id));
  }

  /** The task with tags; a tag lookup that fails is an entry in {@code Errors}, not a failed request. */
  private CompletionStage<Response> taskWithTags(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return CompletableFuture.completedFuture(invalidId(taskHandler));
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return CompletableFuture.completedFuture(unknownTask(version.unknownTaskStatus(), taskHandler, id));
    }
    return tags.withTags(task.get()).thenApply(Response::ok);
  }

  private Response containerStats(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(containerStatsHandler);
    }
    Optional<ContainerMetadata> container = source.container(id);
    if (container.isEmpty()) {
      return unknownTask(version.unknownStatsStatus(), containerStatsHandler, id);
    }
    String dockerId = container.get().dockerId();
    if (dockerId.isEmpty()) { // not created by Docker yet
      return unknownContainer(version.unknownStatsStatus(), containerStatsHandler, id);
    }
    return stats.stats(dockerId).map(found -> Response.ok(version.statsBody().apply(found)))
        .orElseGet(() -> Response.json(version.noStatsStatus(), EndpointIds.noStats(dockerId)));
  }

  private Response taskStats(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return invalidId(taskStatsHandler);
    }
    Optional<TaskMetadata> task = source.task(id);
    if (task.isEmpty()) {
      return unknownTask(version.unknownStatsStatus(), taskStatsHandler, id);
    }
    Map<String, JsonNode> body = new LinkedHashMap<>();
    stats.taskStats(task.get()).forEach((dockerId, found) ->
        body.put(dockerId, found.map(version.statsBody()).orElseGet(version.noStatsInTask())));
    return Response.ok(body);
  }

  private static Response invalidId(String handler) {
    return Response.json(400, handler + ": invalid endpoint ID in request");
  }

  private static Response unknownTask(int status, String handler, String id) {
    return Response.json(status, handler + ": " + EndpointIds.unknownTask(id));
  }

  private static Response unknownContainer(int status, String handler, String id) {
    return Response.json(status, handler + ": " + EndpointIds.unknownContainer(id));
  }
}
