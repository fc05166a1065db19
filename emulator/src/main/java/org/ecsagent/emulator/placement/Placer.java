package org.ecsagent.emulator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.instances.Capacity;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.InstanceFacts;
import org.ecsagent.emulator.instances.InstanceUsage;
import org.ecsagent.emulator.instances.InstanceUsage.Usage;
import org.ecsagent.emulator.query.ClusterQuery;

/**
 * Chooses the instance a task runs on, as ECS does: first the instances that can take it
 * (ACTIVE; agent connected when required; every constraint met; enough CPU and memory left and
 * its static host ports free), then the strategies in order, each keeping only the best of the
 * instances still tied, then a random pick among the rest. When no instance can take the task,
 * says why for each, with ECS's failure reasons. State-thread only.
 */
public final class Placer {
  public static final String AGENT = "AGENT";
  public static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied.";
  public static final String MEMBER_OF = "MemberOf placement constraint unsatisfied.";

  private final RandomGenerator random;
  private final InstanceUsage usage;

  public Placer(RandomGenerator random, InstanceUsage usage) {
    this.random = random;
    this.usage = usage;
  }

  /** The chosen instance, or else one failure per candidate. */
  public record Outcome(Optional<ContainerInstanceState> instance, List<Failure> failures) {}

  public Outcome place(Demand demand, PlacementSpec spec, List<ContainerInstanceState> candidates) {
    List<ContainerInstanceState> fitting = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (ContainerInstanceState instance : candidates) {
      shortfall(demand, spec, instance).ifPresentOrElse(
          reason -> failures.add(Failure.of(instance.arn(), reason)),
          () -> fitting.add(instance));
    }
    if (fitting.isEmpty()) {
      return new Outcome(Optional.empty(), failures);
    }
    List<ContainerInstanceState> best = fitting;
    for (PlacementStrategy strategy : spec.strategies()) {
      best = narrow(best, strategy, spec.group(), candidates);
    }
    return new Outcome(Optional.of(best.get(random.nextInt(best.size()))), List.of());
  }

  /** Why the task cannot go on the instance, or empty if it can. */
  public Optional<String> shortfall(Demand demand, PlacementSpec spec, ContainerInstanceState instance) {
    if (!instance.isActive()) {
      return Optional.of("INACTIVE");
    }
    if (spec.requireAgent() && !instance.isAgentConnected()) {
      return Optional.of(AGENT);
    }
    Usage used = usage.of(instance.arn());
    for (PlacementConstraint constraint : spec.constraints()) {
      if (constraint.type().equals("distinctInstance") && used.tasksInGroup(spec.group()) > 0) {
        return Optional.of(DISTINCT_INSTANCE);
      }
      if (constraint.type().equals("memberOf")
          && !ClusterQuery.parse(constraint.expression()).matches(new InstanceFacts(instance, used))) {
        return Optional.of(MEMBER_OF);
      }
    }
    return resourceShortfall(demand, instance.capacity(), used);
  }

  private static Optional<String> resourceShortfall(Demand demand, Capacity capacity, Usage used) {
    if (demand.cpu() > capacity.cpu() - used.cpu()) {
      return Optional.of("RESOURCE:CPU");
    }
    if (demand.memory() > capacity.memory() - used.memory()) {
      return Optional.of("RESOURCE:MEMORY");
    }
    for (Demand.HostPort port : demand.ports()) {
      boolean taken = port.isUdp()
          ? capacity.reservedUdpPorts().contains(port.port()) || used.udpPorts().contains(port.port())
          : capacity.reservedTcpPorts().contains(port.port()) || used.tcpPorts().contains(port.port());
      if (taken) {
        return Optional.of(port.isUdp() ? "RESOURCE:PORTS_UDP" : "RESOURCE:PORTS");
      }
    }
    return Optional.empty();
  }

  /** The instances the strategy likes best among {@code tied}; {@code all} is what spread counts over. */
  private List<ContainerInstanceState> narrow(List<ContainerInstanceState> tied, PlacementStrategy strategy,
      String group, List<ContainerInstanceState> all) {
    return switch (strategy.type()) {
      case "random" -> List.of(tied.get(random.nextInt(tied.size())));
      case "binpack" -> lowest(tied, remaining(strategy.field().toLowerCase(Locale.ROOT)));
      case "spread" -> spread(tied, strategy.field(), group, all);
      default -> tied;
    };
  }

  /** Binpack: least of the resource left, so instances fill up one by one. */
  private ToIntFunction<ContainerInstanceState> remaining(String resource) {
    return instance -> resource.equals("cpu")
        ? instance.capacity().cpu() - usage.of(instance.arn()).cpu()
        : instance.capacity().memory() - usage.of(instance.arn()).memory();
  }

  /**
   * Spread: the group's tasks are counted per value of the field (over every instance in the
   * cluster that can take tasks); the instances whose value has the fewest win.
   */
  private List<ContainerInstanceState> spread(List<ContainerInstanceState> tied, String field, String group,
      List<ContainerInstanceState> all) {
    Map<String, Integer> tasksPerValue = new HashMap<>();
    for (ContainerInstanceState instance : all) {
      tasksPerValue.merge(valueOf(instance, field), usage.of(instance.arn()).tasksInGroup(group), Integer::sum);
    }
    return lowest(tied, instance -> tasksPerValue.getOrDefault(valueOf(instance, field), 0));
  }

  private static String valueOf(ContainerInstanceState instance, String field) {
    if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
      return instance.arn();
    }
    String name = field.substring("attribute:".length());
    return instance.attributes().stream().filter(a -> a.name().equals(name)).findFirst()
        .map(a -> a.value() == null ? "" : a.value()).orElse("");
  }

  private static List<ContainerInstanceState> lowest(List<ContainerInstanceState> instances,
      ToIntFunction<ContainerInstanceState> score) {
    int min = instances.stream().mapToInt(score).min().orElse(0);
    return instances.stream().filter(i -> score.applyAsInt(i) == min).sorted(Comparator.comparing(
        ContainerInstanceState::arn)).toList();
  }
}
