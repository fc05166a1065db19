package org.ecsagent.emulator.services;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecsagent.emulator.placement.PlacementConstraint;
import org.ecsagent.emulator.placement.PlacementStrategy;

/**
 * One service as the scheduler keeps it: what the user asked for (desired count, deployment
 * configuration, placement), its deployments (PRIMARY first), its events (newest first), and the
 * scheduler's own bookkeeping (tasks it watches, launch throttling, steady state). Mutable,
 * state-thread only; {@link ServiceOperations} makes the API view.
 */
final class ServiceState {
  static final String ACTIVE = "ACTIVE";
  static final String DRAINING = "DRAINING";
  static final String INACTIVE = "INACTIVE";
  private static final int MAX_EVENTS = 100;

  /** What ServiceOperations sets and UpdateService changes. */
  record Settings(int desiredCount, DeploymentConfiguration deploymentConfiguration,
      List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
      Integer healthCheckGracePeriodSeconds, String propagateTags, Boolean enableECSManagedTags,
      Boolean enableExecuteCommand) {}

  /** A deployment that once completed, to roll back to. */
  record Completed(String deploymentId, org.ecsagent.emulator.taskdefs.TaskDefinition taskDefinition) {}

  private final String arn;
  private final String name;
  private final String clusterArn;
  private final Instant createdAt;
  private final List<DeploymentState> deployments = new ArrayList<>();
  private final Deque<ServiceEvent> events = new ArrayDeque<>();
  private final Set<String> watched = new HashSet<>();
  private Settings settings;
  private String status = ACTIVE;
  private Completed lastCompleted;
  private int startFailures;
  private Instant nextLaunchAt = Instant.MIN;
  private boolean steady;
  private Instant runningSince;
  private String lastPlacementFailure;

  ServiceState(String arn, String name, String clusterArn, Settings settings, DeploymentState first,
      Instant createdAt) {
    this.arn = arn;
    this.name = name;
    this.clusterArn = clusterArn;
    this.settings = settings;
    this.createdAt = createdAt;
    deployments.add(first);
  }

  String arn() {
    return arn;
  }

  String name() {
    return name;
  }

  String clusterArn() {
    return clusterArn;
  }

  Instant createdAt() {
    return createdAt;
  }

  /** The task group of the service's tasks. */
  String group() {
    return "service:" + name;
  }

  Settings settings() {
    return settings;
  }

  void settings(Settings settings) {
    this.settings = settings;
  }

  String status() {
    return status;
  }

  void status(String status) {
    this.status = status;
  }

  boolean isActive() {
    return ACTIVE.equals(status);
  }

  DeploymentState primary() {
    return deployments.get(0);
  }

  List<DeploymentState> deployments() {
    return List.copyOf(deployments);
  }

  Optional<DeploymentState> deployment(String id) {
    return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** Makes the deployment PRIMARY (adding it if new); the previous primary becomes ACTIVE. */
  void promote(DeploymentState deployment, Instant now) {
    primary().primary(false, now);
    deployments.remove(deployment);
    deployments.add(0, deployment);
    deployment.primary(true, now);
  }

  void retire(DeploymentState deployment) {
    if (!deployment.isPrimary()) {
      deployments.remove(deployment);
    }
  }

  Optional<Completed> lastCompleted() {
    return Optional.ofNullable(lastCompleted);
  }

  void completed(DeploymentState deployment) {
    lastCompleted = new Completed(deployment.id(), deployment.taskDefinition());
  }

  /** Task ARNs the scheduler started and has not yet seen stop. */
  Set<String> watched() {
    return watched;
  }

  int startFailures() {
    return startFailures;
  }

  void startFailures(int count) {
    startFailures = count;
  }

  Instant nextLaunchAt() {
    return nextLaunchAt;
  }

  void nextLaunchAt(Instant at) {
    nextLaunchAt = at;
  }

  boolean steady() {
    return steady;
  }

  /** Since when every desired task of the only deployment has been RUNNING; null if not so now. */
  Instant runningSince() {
    return runningSince;
  }

  void runningSince(Instant since) {
    runningSince = since;
  }

  void steady(boolean steady) {
    this.steady = steady;
  }

  /** Records an event, unless it repeats the last placement failure word for word. */
  void event(ServiceEvent event, boolean placementFailure) {
    if (placementFailure) {
      if (event.message().equals(lastPlacementFailure)) {
        return;
      }
      lastPlacementFailure = event.message();
    } else {
      lastPlacementFailure = null;
    }
    events.addFirst(event);
    while (events.size() > MAX_EVENTS) {
      events.removeLast();
    }
  }

  List<ServiceEvent> events() {
    return List.copyOf(events);
  }
}
