package org.ecsagent.metadata.v4;

import java.util.Objects;
import org.ecsagent.metadata.EndpointIds;
import org.ecsagent.metadata.TaskMetadataSource;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * Task metadata endpoint v4: {@code /v4/<endpointId>} (the container) and
 * {@code /v4/<endpointId>/task}. An unknown ID is a 404 whose JSON string body is the original's
 * message, word for word, because users match on it.
 */
public final class V4Routes implements Routes {
  private static final String ENDPOINT_ID = "endpointId";
  private static final String CONTAINER_HANDLER = "V4 container metadata handler";
  private static final String TASK_HANDLER = "V4 task metadata handler";

  private final TaskMetadataSource source;

  public V4Routes(TaskMetadataSource source) {
    this.source = Objects.requireNonNull(source);
  }

  @Override
  public void register(Router router) {
    router.get("/v4/{" + ENDPOINT_ID + "}", this::container);
    router.get("/v4/{" + ENDPOINT_ID + "}/task", this::task);
  }

  private Response container(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return Response.json(400, CONTAINER_HANDLER + ": invalid endpoint ID in request");
    }
    return source.container(id).map(Response::ok).orElseGet(() -> Response.json(404, CONTAINER_HANDLER
        + ": unable to get container ID from request: unable to get docker ID from v3 endpoint ID: " + id));
  }

  private Response task(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return Response.json(400, TASK_HANDLER + ": invalid endpoint ID in request");
    }
    return source.task(id).map(Response::ok).orElseGet(() -> Response.json(404, TASK_HANDLER
        + ": unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + id));
  }
}
