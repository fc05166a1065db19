package org.ecsagent.agent.endpoints;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.config.TaskMetadataRateLimit;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.stats.StatsCache;
import org.ecsagent.agent.stats.StatsPoller;
import org.ecsagent.credentials.CredentialsRoutes;
import org.ecsagent.credentials.CredentialsSource;
import org.ecsagent.metadata.MetadataRoutes;
import org.ecsagent.metadata.server.EndpointServer;
import org.ecsagent.metadata.server.RateLimit;
import org.ecsagent.metadata.server.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent's local listeners on 127.0.0.1: task metadata + credentials
 * ({@code ECS_AGENT_ENDPOINT_PORT}, 51679), introspection ({@code ECS_AGENT_INTROSPECTION_PORT},
 * 51678) and metrics ({@code ECS_AGENT_METRICS_PORT}, 51680). Port 0 disables a listener. The
 * task metadata listener is rate limited per task ({@code ECS_TASK_METADATA_RPS_LIMIT}) and
 * serves container stats from a {@link StatsPoller}'s cache.
 */
public final class LocalEndpoints {
  private static final Logger log = LoggerFactory.getLogger(LocalEndpoints.class);

  private LocalEndpoints() {}

  /**
   * Starts the listeners and, if the task metadata listener is on, the stats poller it reads.
   * Returns everything started, poller first, for the caller to close in reverse order.
   */
  public static List<AutoCloseable> start(AgentConfig config, TaskEngine engine, CredentialsSource credentials,
      MetricRegistry metrics, String containerInstanceArn) {
    List<AutoCloseable> started = new ArrayList<>();
    StatsCache stats = new StatsCache();
    if (config.endpointPort() != 0) {
      StatsPoller poller = StatsPoller.start(config, engine);
      started.add(poller);
      metrics.gauge("stats.polls", () -> poller::polls);
      metrics.gauge("stats.poll.failures", () -> poller::failures);
      stats = poller.cache();
    }
    try {
      started.addAll(start(config, engine, credentials, metrics, containerInstanceArn, stats,
          ResourceTagLookup.UNSUPPORTED));
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    return started;
  }

  /**
   * Starts the listeners, reading container stats from a cache the caller polls and closes, and
   * tags for {@code taskWithTags} through {@code tags} (ECS {@code ListTagsForResource}).
   */
  public static List<EndpointServer> start(AgentConfig config, TaskEngine engine, CredentialsSource credentials,
      MetricRegistry metrics, String containerInstanceArn, StatsCache stats, ResourceTagLookup tags) {
    List<EndpointServer> servers = new ArrayList<>();
    try {
      start(taskMetadataServer(config), config.endpointPort(), servers,
          MetadataRoutes.builder(new TaskMetadataView(engine, config.cluster(), stats))
              .stats(stats)
              .tags(new EcsTaskTags(
                  containerInstanceArn, tags, LocalEndpoints::onVirtualThread, EcsTaskTags.DEFAULT_TIMEOUT))
              .build(),
          new CredentialsRoutes(credentials))
          .ifPresent(server -> metrics.gauge("endpoint.requests.throttled", () -> server::throttledRequests));
      start(EndpointServer.builder().name("introspection"), config.introspectionPort(), servers,
          new IntrospectionRoutes(engine, config.cluster(), containerInstanceArn));
      start(EndpointServer.builder().name("metrics"), config.metricsPort(), servers, new MetricsRoutes(metrics));
    } catch (RuntimeException e) {
      closeAll(servers);
      throw e;
    }
    return servers;
  }

  /** Tag lookups block on the ECS API; each gets its own short-lived virtual thread. */
  private static void onVirtualThread(Runnable lookup) {
    Thread.ofVirtual().name("ecs-tags").start(lookup);
  }

  private static void closeAll(List<? extends AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("error while closing after a failed start: {}", e.getMessage());
      }
    }
  }

  /** Only the task-facing server is rate limited, per task, as ECS_TASK_METADATA_RPS_LIMIT says. */
  private static EndpointServer.Builder taskMetadataServer(AgentConfig config) {
    TaskMetadataRateLimit limit = config.taskMetadataRpsLimit();
    return EndpointServer.builder()
        .name("task-metadata")
        .rateLimit(new RateLimit(limit.steadyPerSecond(), limit.burst()));
  }

  private static Optional<EndpointServer> start(EndpointServer.Builder builder, int port, List<EndpointServer> servers,
      Routes... routes) {
    EndpointServer server = builder.port(port).routes(routes).build();
    if (port == 0) {
      log.info("{} listener disabled (port 0)", server.name());
      return Optional.empty();
    }
    server.start();
    servers.add(server);
    return Optional.of(server);
  }
}
