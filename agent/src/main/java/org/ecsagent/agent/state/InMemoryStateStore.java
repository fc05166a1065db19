package org.ecsagent.agent.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store used when {@code ECS_CHECKPOINT=false}: same contract, nothing survives the process.
 * Also handy in unit tests.
 */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
  private final TreeMap<Long, PendingChange> outbox = new TreeMap<>();
  private final Set<String> removed = new HashSet<>();
  private String cluster;
  private String arn;
  private long nextSequence = 1;

  @Override
  public synchronized Optional<String> containerInstanceArn() {
    return Optional.ofNullable(arn);
  }

  @Override
  public synchronized Optional<String> cluster() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public synchronized void saveContainerInstanceArn(String cluster, String arn) {
    this.cluster = cluster;
    this.arn = arn;
  }

  @Override
  public synchronized List<TaskRecord> loadTasks() {
    return List.copyOf(tasks.values());
  }

  @Override
  public synchronized List<PendingChange> saveTask(TaskRecord task, List<StateChange> changes) {
    tasks.put(task.arn(), task);
    List<PendingChange> queued = new ArrayList<>();
    for (StateChange change : changes) {
      PendingChange pending = new PendingChange(nextSequence++, change);
      outbox.put(pending.sequence(), pending);
      queued.add(pending);
    }
    return queued;
  }

  @Override
  public synchronized void removeTask(String taskArn) {
    tasks.remove(taskArn);
    removed.add(taskArn);
  }

  @Override
  public synchronized boolean wasRemoved(String taskArn) {
    return removed.contains(taskArn);
  }

  @Override
  public synchronized List<PendingChange> pendingChanges() {
    return List.copyOf(outbox.values());
  }

  @Override
  public synchronized void markSubmitted(long sequence) {
    outbox.remove(sequence);
  }

  @Override
  public void close() {}
}
