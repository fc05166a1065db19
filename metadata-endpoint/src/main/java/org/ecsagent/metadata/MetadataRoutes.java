package org.ecsagent.metadata;

import java.util.Objects;
import java.util.Optional;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;
import org.ecsagent.metadata.v2.V2Routes;

/**
 * All task metadata endpoint routes, for the agent to register on its 51679 server next to the
 * credentials routes: v4, v3 and v2 container and task metadata, tags and stats.
 *
 * <pre>{@code
 * Routes metadata = MetadataRoutes.builder(metadataSource).stats(statsSource).tags(tagsSource).build();
 * }</pre>
 *
 * <p>Without a stats source every stats answer says that no stats were collected; without a tags
 * source {@code taskWithTags} says in {@code Errors} that tags cannot be fetched.
 */
public final class MetadataRoutes implements Routes {
  /** The path parameter every v3/v4 route names its endpoint ID by. */
  public static final String ENDPOINT_ID = "endpointId";

  private final TaskMetadataSource source;
  private final ContainerStatsSource stats;
  private final TaskTagsSource tags;

  /** Metadata only: the same as {@code builder(source).build()}. */
  public MetadataRoutes(TaskMetadataSource source) {
    this(builder(source));
  }

  private MetadataRoutes(Builder builder) {
    this.source = builder.source;
    this.stats = builder.stats;
    this.tags = builder.tags;
  }

  public static Builder builder(TaskMetadataSource source) {
    return new Builder(source);
  }

  @Override
  public void register(Router router) {
    new EndpointIdRoutes(EndpointIdVersion.V4, source, stats, tags).register(router);
    new EndpointIdRoutes(EndpointIdVersion.V3, source, stats, tags).register(router);
    new V2Routes(source, stats, tags).register(router);
  }

  /**
   * A request spends its task's allowance: the task of the endpoint ID in its path, or for v2 of
   * the container at its source address. An unknown ID or address spends the shared one.
   */
  @Override
  public Optional<String> rateLimitKey(Request request) {
    String endpointId = request.pathParameters().get(ENDPOINT_ID);
    if (endpointId == null) {
      return request.path().startsWith("/v2/")
          ? V2Routes.callerEndpointId(request, source).flatMap(source::taskArn)
          : Optional.empty();
    }
    return EndpointIds.isWellFormed(endpointId) ? source.taskArn(endpointId) : Optional.empty();
  }

  public static final class Builder {
    private final TaskMetadataSource source;
    private ContainerStatsSource stats = ContainerStatsSource.NONE;
    private TaskTagsSource tags = TaskTagsSource.UNAVAILABLE;

    private Builder(TaskMetadataSource source) {
      this.source = Objects.requireNonNull(source);
    }

    /** Where {@code /stats} and {@code /task/stats} read; none collected if not set. */
    public Builder stats(ContainerStatsSource stats) {
      this.stats = Objects.requireNonNull(stats);
      return this;
    }

    /** Where {@code taskWithTags} gets tags; without it every lookup fails, saying so in {@code Errors}. */
    public Builder tags(TaskTagsSource tags) {
      this.tags = Objects.requireNonNull(tags);
      return this;
    }

    public MetadataRoutes build() {
      return new MetadataRoutes(this);
    }
  }
}
