package org.ecsagent.emulator.taskdefs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.ecsagent.emulator.arn.Arns;

/** Every registered revision, by family; deregistered ones stay, INACTIVE. State-thread only. */
public final class TaskDefinitions {
  private final Map<String, List<TaskDefinition>> byFamily = new LinkedHashMap<>();

  /** Stores the next revision of the family, built by {@code revisionBuilder} from its number. */
  public TaskDefinition register(String family, IntFunction<TaskDefinition> revisionBuilder) {
    List<TaskDefinition> revisions = byFamily.computeIfAbsent(family, f -> new ArrayList<>());
    TaskDefinition definition = revisionBuilder.apply(revisions.size() + 1);
    revisions.add(definition);
    return definition;
  }

  /** Marks the revision INACTIVE (if it is not already) and returns it as it now is. */
  public TaskDefinition deregister(TaskDefinition definition, Instant at) {
    List<TaskDefinition> revisions = byFamily.get(definition.family());
    TaskDefinition current = revisions.get(definition.revision() - 1);
    if (current.isActive()) {
      current = current.deregistered(at);
      revisions.set(definition.revision() - 1, current);
    }
    return current;
  }

  /**
   * Resolves {@code family}, {@code family:revision} or a task definition ARN. A bare family
   * means its latest ACTIVE revision, as in RunTask and DescribeTaskDefinition.
   */
  public Optional<TaskDefinition> find(String reference) {
    String ref = Arns.taskDefinitionReference(reference);
    int colon = ref.lastIndexOf(':');
    if (colon < 0) {
      List<TaskDefinition> revisions = byFamily.getOrDefault(ref, List.of());
      return revisions.reversed().stream().filter(TaskDefinition::isActive).findFirst();
    }
    List<TaskDefinition> revisions = byFamily.getOrDefault(ref.substring(0, colon), List.of());
    try {
      int revision = Integer.parseInt(ref.substring(colon + 1));
      return revision >= 1 && revision <= revisions.size() ? Optional.of(revisions.get(revision - 1)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** All revisions, family by family in registration order, oldest revision first. */
  public List<TaskDefinition> all() {
    return byFamily.values().stream().flatMap(List::stream).toList();
  }

  /** Each family with its revisions, in registration order. */
  public Map<String, List<TaskDefinition>> families() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFamily));
  }
}
