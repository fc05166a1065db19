package org.ecsagent.metadata.v3;

import java.util.Objects;
import org.ecsagent.metadata.EndpointIds;
import org.ecsagent.metadata.TaskMetadataSource;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * Task metadata endpoint v3: {@code /v3/<endpointId>} and {@code /v3/<endpointId>/task}, the
 * URL in {@code ECS_CONTAINER_METADATA_URI}. It serves the same container and task records as
 * v4 (v4 only adds fields). Unknown IDs are answered as the original does: 400 for the container,
 * and 500 (sic) for the task, with its JSON string messages.
 */
public final class V3Routes implements Routes {
  private static final String ENDPOINT_ID = "endpointId";
  private static final String CONTAINER_HANDLER = "V3 container metadata handler";
  private static final String TASK_HANDLER = "V3 task metadata handler";

  private final TaskMetadataSource source;

  public V3Routes(TaskMetadataSource source) {
    this.source = Objects.requireNonNull(source);
  }

  @Override
  public void register(Router router) {
    router.get("/v3/{" + ENDPOINT_ID + "}", this::container);
    router.get("/v3/{" + ENDPOINT_ID + "}/task", this::task);
  }

  private Response container(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return Response.json(400, CONTAINER_HANDLER + ": invalid endpoint ID in request");
    }
    return source.container(id).map(Response::ok).orElseGet(() -> Response.json(400, CONTAINER_HANDLER
        + ": unable to get container ID from request: unable to get docker ID from v3 endpoint ID: " + id));
  }

  private Response task(Request request) {
    String id = request.pathParameter(ENDPOINT_ID);
    if (!EndpointIds.isWellFormed(id)) {
      return Response.json(400, TASK_HANDLER + ": invalid endpoint ID in request");
    }
    // The original answers an unknown ID here with 500; clients written against it expect that.
    return source.task(id).map(Response::ok).orElseGet(() -> Response.json(500, TASK_HANDLER
        + ": unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + id));
  }
}
