package org.ecsagent.emulator.tasks;

import java.util.List;

/**
 * Tells the agents about new tasks and changed desired statuses (implemented by the ACS side,
 * which this package does not know). Called on the state thread, after the tasks are stored.
 */
@FunctionalInterface
public interface TaskDispatcher {
  void dispatch(List<TaskState> tasks);
}
