package org.ecsagent.emulator.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;

/**
 * RegisterTaskDefinition, DescribeTaskDefinition, DeregisterTaskDefinition, ListTaskDefinitions
 * and ListTaskDefinitionFamilies.
 */
public final class TaskDefinitionOperations {
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");

  private final TaskDefinitions definitions;
  private final Arns arns;
  private final Clock clock;
  private final ResourceTags tags;

  public TaskDefinitionOperations(TaskDefinitions definitions, Arns arns, Clock clock, ResourceTags tags) {
    this.definitions = definitions;
    this.arns = arns;
    this.clock = clock;
    this.tags = tags;
  }

  public void registerWith(OperationTable table) {
    table.register("RegisterTaskDefinition", RegisterTaskDefinitionRequest.class, this::register)
        .register("DescribeTaskDefinition", DescribeTaskDefinitionRequest.class, this::describe)
        .register("DeregisterTaskDefinition", DeregisterTaskDefinitionRequest.class, this::deregister)
        .register("ListTaskDefinitions", ListTaskDefinitionsRequest.class, this::list)
        .register("ListTaskDefinitionFamilies", ListTaskDefinitionFamiliesRequest.class, this::listFamilies);
  }

  public record RegisterTaskDefinitionRequest(
      String family,
      String taskRoleArn,
      String executionRoleArn,
      String networkMode,
      List<ContainerDefinition> containerDefinitions,
      List<Volume> volumes,
      JsonNode placementConstraints,
      List<String> requiresCompatibilities,
      String cpu,
      String memory,
      List<Tag> tags,
      String pidMode,
      String ipcMode,
      JsonNode proxyConfiguration,
      JsonNode ephemeralStorage,
      JsonNode runtimePlatform) {}

  public record TaskDefinitionResponse(TaskDefinition taskDefinition, List<Tag> tags) {}

  public record DeregisterTaskDefinitionRequest(String taskDefinition) {}

  public record DeregisterTaskDefinitionResponse(TaskDefinition taskDefinition) {}

  public record ListTaskDefinitionFamiliesRequest(String familyPrefix, String status, String nextToken,
      Integer maxResults) {}

  public record ListTaskDefinitionFamiliesResponse(List<String> families, String nextToken) {}

  public record DescribeTaskDefinitionRequest(String taskDefinition, List<String> include) {}

  public record ListTaskDefinitionsRequest(String familyPrefix, String status, String sort, String nextToken,
      Integer maxResults) {}

  public record ListTaskDefinitionsResponse(List<String> taskDefinitionArns, String nextToken) {}

  TaskDefinitionResponse register(RegisterTaskDefinitionRequest request, CallContext context) {
    validate(request);
    ResourceTags.check(request.tags());
    List<ContainerDefinition> containers = request.containerDefinitions().stream()
        .map(ContainerDefinition::withDefaults).toList();
    String networkMode = request.networkMode() == null ? "bridge" : request.networkMode();
    TaskDefinition stored = definitions.register(request.family(), revision -> new TaskDefinition(
        arns.taskDefinition(request.family(), revision), containers, request.family(), request.taskRoleArn(),
        request.executionRoleArn(), networkMode, revision,
        request.volumes() == null ? List.of() : request.volumes(), "ACTIVE", List.of(),
        request.placementConstraints() == null ? emptyArray() : request.placementConstraints(),
        List.of("EC2", "EXTERNAL"), request.runtimePlatform(), request.requiresCompatibilities(), request.cpu(),
        request.memory(), request.pidMode(), request.ipcMode(), request.proxyConfiguration(), clock.instant(), null,
        "arn:aws:iam::" + Arns.ACCOUNT_ID + ":root", request.ephemeralStorage()));
    tags.tag(stored.taskDefinitionArn(), request.tags());
    return new TaskDefinitionResponse(stored, tags.of(stored.taskDefinitionArn()));
  }

  TaskDefinitionResponse describe(DescribeTaskDefinitionRequest request, CallContext context) {
    if (request.taskDefinition() == null || request.taskDefinition().isBlank()) {
      throw ApiException.invalidParameter("taskDefinition is required.");
    }
    TaskDefinition definition = definitions.find(request.taskDefinition())
        .orElseThrow(() -> ApiException.client("Unable to describe task definition."));
    return new TaskDefinitionResponse(definition, tags.ifIncluded(definition.taskDefinitionArn(), request.include()));
  }

  /** Only a family:revision or ARN names one revision; a bare family is refused, as ECS does. */
  DeregisterTaskDefinitionResponse deregister(DeregisterTaskDefinitionRequest request, CallContext context) {
    String ref = request.taskDefinition() == null ? "" : Arns.taskDefinitionReference(request.taskDefinition());
    if (!ref.contains(":")) {
      throw ApiException.invalidParameter("A task definition revision (family:revision or ARN) is required.");
    }
    TaskDefinition definition = definitions.find(ref)
        .orElseThrow(() -> ApiException.client("The specified task definition does not exist."));
    return new DeregisterTaskDefinitionResponse(definitions.deregister(definition, clock.instant()));
  }

  /** ACTIVE: families with an ACTIVE revision; INACTIVE: families with none; ALL: every family. */
  ListTaskDefinitionFamiliesResponse listFamilies(ListTaskDefinitionFamiliesRequest request, CallContext context) {
    String status = request.status() == null ? "ACTIVE" : request.status();
    if (!Set.of("ACTIVE", "INACTIVE", "ALL").contains(status)) {
      throw ApiException.invalidParameter("status must be one of ACTIVE, INACTIVE, ALL.");
    }
    List<String> families = definitions.families().entrySet().stream()
        .filter(e -> request.familyPrefix() == null || e.getKey().startsWith(request.familyPrefix()))
        .filter(e -> {
          boolean active = e.getValue().stream().anyMatch(TaskDefinition::isActive);
          return status.equals("ALL") || active == status.equals("ACTIVE");
        })
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
    Pagination.Page<String> page = Pagination.page(families, request.nextToken(), request.maxResults());
    return new ListTaskDefinitionFamiliesResponse(page.items(), page.nextToken());
  }

  ListTaskDefinitionsResponse list(ListTaskDefinitionsRequest request, CallContext context) {
    String status = request.status() == null ? "ACTIVE" : request.status();
    Comparator<TaskDefinition> order = Comparator.comparing(TaskDefinition::family)
        .thenComparing(TaskDefinition::revision);
    List<String> arns = definitions.all().stream()
        .filter(d -> request.familyPrefix() == null || d.family().startsWith(request.familyPrefix()))
        .filter(d -> status.equals(d.status()))
        .sorted("DESC".equals(request.sort()) ? order.reversed() : order)
        .map(TaskDefinition::taskDefinitionArn)
        .toList();
    Pagination.Page<String> page = Pagination.page(arns, request.nextToken(), request.maxResults());
    return new ListTaskDefinitionsResponse(page.items(), page.nextToken());
  }

  /** The checks real ECS makes at registration that matter for running on EC2, with its messages. */
  private static void validate(RegisterTaskDefinitionRequest request) {
    if (request.family() == null || !FAMILY.matcher(request.family()).matches()) {
      throw ApiException.client("Family contains invalid characters. Up to 255 letters (uppercase and lowercase), "
          + "numbers, hyphens, and underscores are allowed.");
    }
    if (request.containerDefinitions() == null || request.containerDefinitions().isEmpty()) {
      throw ApiException.client("Container list cannot be empty.");
    }
    if (request.networkMode() != null && !NETWORK_MODES.contains(request.networkMode())) {
      throw ApiException.invalidParameter("Invalid networkMode " + request.networkMode() + ".");
    }
    if (request.cpu() != null && TaskSize.cpuUnits(request.cpu()) < 0) {
      throw ApiException.client("Invalid 'cpu' setting for task.");
    }
    if (request.memory() != null && TaskSize.memoryMiB(request.memory()) < 0) {
      throw ApiException.client("Invalid 'memory' setting for task.");
    }
    Set<String> names = new HashSet<>();
    for (ContainerDefinition c : request.containerDefinitions()) {
      if (c == null || c.name() == null || c.name().isBlank()) {
        throw ApiException.client("Container.name should not be null or empty.");
      }
      if (c.image() == null || c.image().isBlank()) {
        throw ApiException.client("Container.image should not be null or empty.");
      }
      if (!names.add(c.name())) {
        throw ApiException.client("Duplicate container names are not allowed: " + c.name() + ".");
      }
      if (request.memory() == null && c.memory() == null && c.memoryReservation() == null) {
        throw ApiException.client("Invalid setting for container '" + c.name()
            + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
      }
      if (c.memory() != null && c.memoryReservation() != null && c.memoryReservation() > c.memory()) {
        throw ApiException.client("Invalid 'memory' setting for container '" + c.name()
            + "'. 'memory' must be greater than or equal to 'memoryReservation'.");
      }
    }
  }

  private static JsonNode emptyArray() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
