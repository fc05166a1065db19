package org.ecsagent.agent.state;

import java.util.List;
import java.util.Optional;

/**
 * The agent's crash-consistent memory. Every write is durable when the method returns, so the
 * agent writes first and acts (or acknowledges) after. A task's new state and the state changes
 * it causes are written in one transaction: after a crash either both are there or neither.
 */
public interface StateStore extends AutoCloseable {

  Optional<String> containerInstanceArn();

  void saveContainerInstanceArn(String cluster, String arn);

  /** The cluster the saved instance ARN belongs to. */
  Optional<String> cluster();

  List<TaskRecord> loadTasks();

  /**
   * Saves the task and appends {@code changes} to the outbox, atomically; returns them with the
   * sequence numbers they were given.
   */
  List<PendingChange> saveTask(TaskRecord task, List<StateChange> changes);

  /** Forgets a cleaned-up task, leaving a tombstone so a replayed payload cannot start it again. */
  void removeTask(String taskArn);

  boolean wasRemoved(String taskArn);

  /** Outbox entries not yet accepted by the control plane, oldest first. */
  List<PendingChange> pendingChanges();

  /** The control plane accepted this change: it leaves the outbox. */
  void markSubmitted(long sequence);

  @Override
  void close();
}
