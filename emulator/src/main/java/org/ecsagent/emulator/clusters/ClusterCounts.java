package org.ecsagent.emulator.clusters;

/**
 * What a cluster description counts, supplied by the instance and task stores, which this package
 * does not know.
 */
public record ClusterCounts(int registeredContainerInstances, int runningTasks, int pendingTasks,
    int activeServices) {

  /** Counts one cluster, given its ARN. */
  @FunctionalInterface
  public interface Counter {
    ClusterCounts count(String clusterArn);
  }
}
