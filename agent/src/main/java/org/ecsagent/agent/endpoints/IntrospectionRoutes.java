package org.ecsagent.agent.endpoints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.agent.AgentVersion;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.engine.TaskSnapshot;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/**
 * The introspection API on port 51678, in the original's shapes: {@code /v1/metadata} and
 * {@code /v1/tasks} (optionally {@code ?dockerid=} or {@code ?taskarn=}).
 */
public final class IntrospectionRoutes implements Routes {
  private final TaskEngine engine;
  private final String cluster;
  private final String containerInstanceArn;

  public IntrospectionRoutes(TaskEngine engine, String cluster, String containerInstanceArn) {
    this.engine = engine;
    this.cluster = cluster;
    this.containerInstanceArn = containerInstanceArn;
  }

  @Override
  public void register(Router router) {
    router.get("/", r -> Response.ok(Map.of("AvailableCommands", List.of("/v1/metadata", "/v1/tasks", "/license"))));
    router.get("/license", r -> Response.ok("ecs-agent-java is licensed under the Apache License, Version 2.0"));
    router.get("/v1/metadata", r -> Response.ok(metadata()));
    router.get("/v1/tasks", this::tasks);
  }

  private Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Cluster", cluster);
    m.put("ContainerInstanceArn", containerInstanceArn);
    m.put("Version", "ecs-agent-java v" + AgentVersion.version());
    return m;
  }

  private Response tasks(Request request) {
    Optional<String> dockerId = request.queryParameter("dockerid");
    Optional<String> taskArn = request.queryParameter("taskarn");
    if (dockerId.isPresent() && taskArn.isPresent()) {
      return Response.json(400, Map.of());
    }
    if (dockerId.isEmpty() && taskArn.isEmpty()) {
      return Response.ok(Map.of("Tasks", engine.tasks().stream().map(IntrospectionRoutes::task).toList()));
    }
    List<TaskSnapshot> found = engine.tasks().stream()
        .filter(t -> taskArn.map(t.arn()::equals).orElse(false)
            || dockerId.map(id -> t.containers().stream().anyMatch(c -> c.dockerId() != null && c.dockerId().startsWith(id)))
                .orElse(false))
        .toList();
    if (found.isEmpty()) {
      return Response.json(404, Map.of());
    }
    if (found.size() > 1) {
      return Response.json(400, Map.of());
    }
    return Response.ok(task(found.get(0)));
  }

  private static Map<String, Object> task(TaskSnapshot t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Arn", t.arn());
    m.put("DesiredStatus", t.desiredStatus().backendStatus());
    m.put("KnownStatus", t.knownStatus().backendStatus());
    m.put("Family", t.family());
    m.put("Version", t.version());
    m.put("Containers", t.containers().stream().map(c -> {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("DockerId", c.dockerId());
      cm.put("DockerName", c.dockerName());
      cm.put("Name", c.name());
      cm.put("Image", c.image());
      cm.put("ImageID", c.imageId());
      return cm;
    }).toList());
    return m;
  }
}
