package org.ecsagent.agent.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.protocol.acs.AcsMessages.ContainerDependency;

/**
 * Decides whether a container's {@code dependsOn} conditions let it start, as ECS defines them:
 * {@code START} (the dependency has started), {@code COMPLETE} (it has exited), {@code SUCCESS}
 * (it exited with 0), {@code HEALTHY} (its Docker health check passes). A condition that can no
 * longer be met, or is not met within the dependency's start timeout, is {@link Verdict#IMPOSSIBLE}
 * so the task fails with a reason instead of hanging.
 */
final class DependencyCheck {
  enum Verdict { SATISFIED, WAIT, IMPOSSIBLE }

  record Result(Verdict verdict, String reason, Instant recheckAt) {
    static final Result SATISFIED = new Result(Verdict.SATISFIED, null, null);

    static Result impossible(String reason) {
      return new Result(Verdict.IMPOSSIBLE, reason, null);
    }
  }

  private DependencyCheck() {}

  /**
   * @param waitingSince when the container first waited for its dependencies
   * @param defaultStartTimeout ECS_CONTAINER_START_TIMEOUT, for dependencies without their own startTimeout
   */
  static Result canStart(ManagedContainer c, Map<String, ManagedContainer> all, Instant now, Instant waitingSince,
      Duration defaultStartTimeout) {
    Instant earliestDeadline = null;
    for (ContainerDependency dep : dependencies(c)) {
      ManagedContainer d = all.get(dep.containerName());
      String condition = dep.condition() == null ? "START" : dep.condition();
      if (d == null) {
        return Result.impossible("dependency " + dep.containerName() + " is not a container of this task");
      }
      Optional<String> failure = whyImpossible(d, condition);
      if (failure.isPresent()) {
        return Result.impossible(failure.get());
      }
      if (!isMet(d, condition)) {
        Duration timeout = d.definition.startTimeout() != null && d.definition.startTimeout() > 0
            ? Duration.ofSeconds(d.definition.startTimeout()) : defaultStartTimeout;
        Instant deadline = waitingSince.plus(timeout);
        if (!now.isBefore(deadline)) {
          return Result.impossible("dependency " + d.name() + " did not reach " + condition + " within "
              + timeout.toSeconds() + "s");
        }
        earliestDeadline = earliestDeadline == null || deadline.isBefore(earliestDeadline) ? deadline : earliestDeadline;
      }
    }
    return earliestDeadline == null ? Result.SATISFIED : new Result(Verdict.WAIT, null, earliestDeadline);
  }

  /** Explicit dependsOn, plus links: Docker can link only to a container that runs, so a link implies START. */
  private static List<ContainerDependency> dependencies(ManagedContainer c) {
    List<ContainerDependency> all = new ArrayList<>();
    if (c.definition.dependsOn() != null) {
      all.addAll(c.definition.dependsOn());
    }
    if (c.definition.links() != null) {
      for (String link : c.definition.links()) {
        all.add(new ContainerDependency(link.split(":", 2)[0], "START"));
      }
    }
    return all;
  }

  private static boolean isMet(ManagedContainer d, String condition) {
    return switch (condition) {
      case "START" -> d.startedAt != null || d.knownStatus == ContainerStatus.RUNNING;
      case "COMPLETE" -> d.knownStatus == ContainerStatus.STOPPED;
      case "SUCCESS" -> d.knownStatus == ContainerStatus.STOPPED && Integer.valueOf(0).equals(d.exitCode);
      case "HEALTHY" -> "HEALTHY".equals(d.health);
      default -> false;
    };
  }

  private static Optional<String> whyImpossible(ManagedContainer d, String condition) {
    if (!isKnown(condition)) {
      return Optional.of("unknown dependsOn condition " + condition + " for " + d.name());
    }
    if (d.knownStatus != ContainerStatus.STOPPED) {
      return Optional.empty();
    }
    boolean everRan = d.startedAt != null || d.exitCode != null;
    return switch (condition) {
      case "START", "COMPLETE" -> everRan ? Optional.empty()
          : Optional.of("dependency " + d.name() + " stopped before it started" + reasonSuffix(d));
      case "SUCCESS" -> Integer.valueOf(0).equals(d.exitCode) ? Optional.empty()
          : Optional.of("dependency " + d.name() + " exited with code " + d.exitCode + " but SUCCESS (0) is required"
              + reasonSuffix(d));
      case "HEALTHY" -> "HEALTHY".equals(d.health) ? Optional.empty()
          : Optional.of("dependency " + d.name() + " stopped before it became HEALTHY");
      default -> Optional.empty();
    };
  }

  private static boolean isKnown(String condition) {
    return switch (condition) {
      case "START", "COMPLETE", "SUCCESS", "HEALTHY" -> true;
      default -> false;
    };
  }

  private static String reasonSuffix(ManagedContainer d) {
    return d.reason == null ? "" : " (" + d.reason + ")";
  }

  /** Shutdown runs in reverse: a container stops only after every running container that depends on it. */
  static boolean dependentsStopped(ManagedContainer c, Map<String, ManagedContainer> all) {
    for (ManagedContainer other : all.values()) {
      if (other == c || other.knownStatus == ContainerStatus.STOPPED) {
        continue;
      }
      boolean dependsOnC = dependencies(other).stream().anyMatch(d -> c.name().equals(d.containerName()));
      if (dependsOnC && other.knownStatus.isAtLeast(ContainerStatus.RUNNING)) {
        return false;
      }
    }
    return true;
  }
}
