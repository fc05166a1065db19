package org.ecsagent.emulator.instances;

import java.util.Set;

/**
 * What the tasks placed on an instance take from it, supplied by the task store (which this
 * package does not know) so descriptions can show remaining resources and task counts.
 */
@FunctionalInterface
public interface InstanceUsage {
  Usage of(String containerInstanceArn);

  /** Resources reserved by the instance's tasks that have not stopped. */
  record Usage(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, int runningTasks,
      int pendingTasks) {
    public static final Usage NONE = new Usage(0, 0, Set.of(), Set.of(), 0, 0);
  }
}
