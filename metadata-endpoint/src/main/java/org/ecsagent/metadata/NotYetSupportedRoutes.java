package org.ecsagent.metadata;

import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * Endpoints the original serves that we do not yet: stats (need the Docker stats stream), the
 * {@code WithTags} variants (need ECS API calls) and v2 (finds the task by the caller's awsvpc
 * IP). They answer 501 with a JSON string that says so, rather than a 404 that would suggest a
 * wrong URL.
 */
final class NotYetSupportedRoutes implements Routes {
  private static final String[] PATTERNS = {
      "/v4/{endpointId}/stats",
      "/v4/{endpointId}/task/stats",
      "/v4/{endpointId}/taskWithTags",
      "/v3/{endpointId}/stats",
      "/v3/{endpointId}/task/stats",
      "/v3/{endpointId}/taskWithTags",
      "/v2/metadata",
      "/v2/metadata/{containerId}",
      "/v2/metadataWithTags",
      "/v2/stats",
      "/v2/stats/{containerId}",
  };

  @Override
  public void register(Router router) {
    for (String pattern : PATTERNS) {
      Response notYet = Response.json(501, pattern + " is not supported by this agent yet");
      router.get(pattern, request -> notYet);
    }
  }
}
