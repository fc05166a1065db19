package org.ecsagent.emulator.instances;

import java.util.Map;
import java.util.Set;

/**
 * What the tasks placed on an instance take from it, supplied by the task store (which this
 * package does not know) so descriptions can show remaining resources and task counts, and
 * queries can ask about {@code task:group}.
 */
@FunctionalInterface
public interface InstanceUsage {
  Usage of(String containerInstanceArn);

  /**
   * Resources reserved by the instance's tasks that have not stopped, and how many of those tasks
   * are in each task group ({@code service:web}, {@code family:app}, ...).
   */
  record Usage(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, int runningTasks,
      int pendingTasks, Map<String, Integer> groups) {
    public static final Usage NONE = new Usage(0, 0, Set.of(), Set.of(), 0, 0, Map.of());

    public int tasksInGroup(String group) {
      return groups.getOrDefault(group, 0);
    }
  }
}
