package org.ecsagent.agent.endpoints;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.credentials.CredentialsRoutes;
import org.ecsagent.metadata.MetadataRoutes;
import org.ecsagent.metadata.server.EndpointServer;
import org.ecsagent.metadata.server.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent's local listeners on 127.0.0.1: task metadata + credentials
 * ({@code ECS_AGENT_ENDPOINT_PORT}, 51679), introspection ({@code ECS_AGENT_INTROSPECTION_PORT},
 * 51678) and metrics ({@code ECS_AGENT_METRICS_PORT}, 51680). Port 0 disables a listener.
 */
public final class LocalEndpoints {
  private static final Logger log = LoggerFactory.getLogger(LocalEndpoints.class);

  private LocalEndpoints() {}

  /** Returns the started servers, to be closed by the caller. */
  public static List<EndpointServer> start(AgentConfig config, TaskEngine engine, MetricRegistry metrics,
      String containerInstanceArn) {
    List<EndpointServer> servers = new ArrayList<>();
    // Credentials are not delivered to tasks yet, so every id is unknown (400 InvalidIdInRequest).
    start("task-metadata", config.endpointPort(), servers,
        new MetadataRoutes(new TaskMetadataView(engine, config.cluster())),
        new CredentialsRoutes(id -> Optional.empty()));
    start("introspection", config.introspectionPort(), servers,
        new IntrospectionRoutes(engine, config.cluster(), containerInstanceArn));
    start("metrics", config.metricsPort(), servers, new MetricsRoutes(metrics));
    return servers;
  }

  private static void start(String name, int port, List<EndpointServer> servers, Routes... routes) {
    if (port == 0) {
      log.info("{} listener disabled (port 0)", name);
      return;
    }
    EndpointServer server = EndpointServer.builder().name(name).port(port).routes(routes).build().start();
    servers.add(server);
    log.info("{} listening on {}", name, server.address());
  }
}
