package org.ecsagent.metadata;

import java.util.Objects;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;
import org.ecsagent.metadata.v3.V3Routes;
import org.ecsagent.metadata.v4.V4Routes;

/**
 * All task metadata endpoint routes, for the agent to register on its 51679 server next to the
 * credentials routes: v4 and v3 container and task metadata, plus 501 answers for the endpoints
 * not supported yet (stats, {@code taskWithTags}, v2).
 */
public final class MetadataRoutes implements Routes {
  private final TaskMetadataSource source;

  public MetadataRoutes(TaskMetadataSource source) {
    this.source = Objects.requireNonNull(source);
  }

  @Override
  public void register(Router router) {
    new V4Routes(source).register(router);
    new V3Routes(source).register(router);
    new NotYetSupportedRoutes().register(router);
  }
}
