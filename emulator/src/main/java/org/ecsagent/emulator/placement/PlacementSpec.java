package org.ecsagent.emulator.placement;

import java.util.List;
import java.util.Set;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.query.ClusterQuery;

/**
 * How one launch wants its tasks placed: strategies applied in order (each narrows the instances
 * the previous one left tied; a random pick settles the rest), constraints every chosen instance
 * must meet, the task group that {@code distinctInstance} and {@code spread} count, and whether a
 * connected agent is required (RunTask and services: yes; StartTask: no).
 */
public record PlacementSpec(List<PlacementStrategy> strategies, List<PlacementConstraint> constraints, String group,
    boolean requireAgent) {
  private static final int MAX_STRATEGIES = 5;
  private static final int MAX_CONSTRAINTS = 10;
  private static final Set<String> BINPACK_FIELDS = Set.of("cpu", "memory");

  public PlacementSpec {
    strategies = strategies == null ? List.of() : List.copyOf(strategies);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }

  /** Refuses strategies and constraints ECS would refuse, with its kind of message. */
  public static void validate(List<PlacementStrategy> strategies, List<PlacementConstraint> constraints) {
    if (strategies != null) {
      if (strategies.size() > MAX_STRATEGIES) {
        throw ApiException.invalidParameter("At most " + MAX_STRATEGIES + " placement strategies are allowed.");
      }
      strategies.forEach(PlacementSpec::validate);
    }
    if (constraints != null) {
      if (constraints.size() > MAX_CONSTRAINTS) {
        throw ApiException.invalidParameter("At most " + MAX_CONSTRAINTS + " placement constraints are allowed.");
      }
      constraints.forEach(PlacementSpec::validate);
    }
  }

  private static void validate(PlacementStrategy strategy) {
    String type = strategy == null ? null : strategy.type();
    switch (type == null ? "" : type) {
      case "random" -> { }
      case "binpack" -> {
        if (!BINPACK_FIELDS.contains(String.valueOf(strategy.field()).toLowerCase(java.util.Locale.ROOT))) {
          throw ApiException.invalidParameter("The binpack placement strategy field must be cpu or memory.");
        }
      }
      case "spread" -> {
        String field = strategy.field();
        if (field == null || field.isBlank()
            || !(field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host") || field.startsWith("attribute:"))) {
          throw ApiException.invalidParameter(
              "The spread placement strategy field must be instanceId, host or attribute:<name>.");
        }
      }
      default -> throw ApiException.invalidParameter(
          "Placement strategy type must be one of random, spread, binpack: " + type + ".");
    }
  }

  private static void validate(PlacementConstraint constraint) {
    String type = constraint == null ? null : constraint.type();
    switch (type == null ? "" : type) {
      case "distinctInstance" -> {
        if (constraint.expression() != null && !constraint.expression().isBlank()) {
          throw ApiException.invalidParameter("The distinctInstance placement constraint takes no expression.");
        }
      }
      case "memberOf" -> {
        if (constraint.expression() == null || constraint.expression().isBlank()) {
          throw ApiException.invalidParameter("The memberOf placement constraint needs an expression.");
        }
        try {
          ClusterQuery.parse(constraint.expression());
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidParameter("Invalid memberOf expression '" + constraint.expression() + "': "
              + e.getMessage() + ".");
        }
      }
      default -> throw ApiException.invalidParameter(
          "Placement constraint type must be distinctInstance or memberOf: " + type + ".");
    }
  }
}
