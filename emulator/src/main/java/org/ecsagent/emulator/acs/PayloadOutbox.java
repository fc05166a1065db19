package org.ecsagent.emulator.acs;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.tasks.LifecycleStatus;
import org.ecsagent.emulator.tasks.TaskDispatcher;
import org.ecsagent.emulator.tasks.TaskState;
import org.ecsagent.emulator.tasks.Tasks;
import org.ecsagent.protocol.acs.AcsMessages;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers tasks to agents as PayloadMessages, at least once: a payload stays pending until the
 * agent acks its messageId, and every pending payload is sent again whenever the instance's agent
 * (re)connects. A payload carries the task as it is when sent, so a redelivered one already has
 * the latest desired status; a later payload for the same task supersedes an earlier one; and
 * tasks that have stopped are never sent again. The last payloads sent to each instance are kept
 * so the fault controls can replay them exactly (same messageId and seqNum). State-thread only.
 */
public final class PayloadOutbox implements TaskDispatcher {
  private static final Logger log = LoggerFactory.getLogger(PayloadOutbox.class);
  private static final int HISTORY = 50;

  private final SessionRegistry sessions;
  private final Transmitter transmitter;
  private final Tasks tasks;
  private final AcsTaskFactory taskFactory;
  private final IdGenerator ids;
  private final Clock clock;
  /** Instance ARN → messageId → task ARNs, oldest message first. */
  private final Map<String, LinkedHashMap<String, List<String>>> pending = new HashMap<>();
  /** Instance ARN → the payloads last sent to it, oldest first. */
  private final Map<String, Deque<PayloadMessage>> sent = new HashMap<>();

  PayloadOutbox(SessionRegistry sessions, Transmitter transmitter, Tasks tasks, AcsTaskFactory taskFactory,
      IdGenerator ids, Clock clock) {
    this.sessions = sessions;
    this.transmitter = transmitter;
    this.tasks = tasks;
    this.taskFactory = taskFactory;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public void dispatch(List<TaskState> changed) {
    Map<String, List<String>> byInstance = new LinkedHashMap<>();
    for (TaskState task : changed) {
      byInstance.computeIfAbsent(task.containerInstanceArn(), i -> new ArrayList<>()).add(task.arn());
    }
    byInstance.forEach((instanceArn, taskArns) -> {
      LinkedHashMap<String, List<String>> queue = pending.computeIfAbsent(instanceArn, i -> new LinkedHashMap<>());
      supersede(queue, taskArns);
      String messageId = ids.uuid();
      queue.put(messageId, taskArns);
      sessions.forInstance(instanceArn).ifPresentOrElse(
          session -> send(session, messageId, taskArns),
          () -> log.info("agent of {} not connected; payload {} waits for it", instanceArn, messageId));
    });
  }

  /** Sends every payload the instance's agent has not acked yet, oldest first. */
  void redeliver(AcsSession session) {
    LinkedHashMap<String, List<String>> queue = pending.getOrDefault(session.containerInstanceArn(),
        new LinkedHashMap<>());
    new LinkedHashMap<>(queue).forEach((messageId, taskArns) -> send(session, messageId, taskArns));
  }

  /**
   * Sends the last {@code count} payloads sent to the session's instance again, unchanged (same
   * messageId and seqNum), oldest first, as a control plane may after a reconnect; returns how many.
   */
  int replay(AcsSession session, int count) {
    List<PayloadMessage> history = List.copyOf(sent.getOrDefault(session.containerInstanceArn(), new ArrayDeque<>()));
    List<PayloadMessage> last = history.subList(Math.max(0, history.size() - count), history.size());
    last.forEach(p -> transmitter.send(session, p));
    log.info("replayed {} payloads to {}: {}", last.size(), session.containerInstanceArn(),
        last.stream().map(p -> p.messageId() + " (seqNum " + p.seqNum() + ")").toList());
    return last.size();
  }

  void acked(String containerInstanceArn, String messageId) {
    LinkedHashMap<String, List<String>> queue = pending.get(containerInstanceArn);
    if (queue != null && queue.remove(messageId) != null) {
      log.info("payload {} acked by {}", messageId, containerInstanceArn);
    } else {
      log.debug("ack for unknown or already acked message {} from {}", messageId, containerInstanceArn);
    }
  }

  private void send(AcsSession session, String messageId, List<String> taskArns) {
    List<AcsMessages.Task> payloadTasks = taskArns.stream()
        .map(tasks::find).flatMap(Optional::stream)
        .filter(t -> t.lastStatus() != LifecycleStatus.STOPPED)
        .map(taskFactory::build)
        .toList();
    if (payloadTasks.isEmpty()) {
      pending.getOrDefault(session.containerInstanceArn(), new LinkedHashMap<>()).remove(messageId);
      return;
    }
    int seqNum = session.nextSeqNum();
    PayloadMessage payload = new PayloadMessage(session.containerInstanceArn(), session.clusterArn(), payloadTasks,
        clock.millis(), messageId, seqNum, null);
    Deque<PayloadMessage> history = sent.computeIfAbsent(session.containerInstanceArn(), i -> new ArrayDeque<>());
    history.addLast(payload);
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    transmitter.send(session, payload);
    log.info("payload {} (seqNum {}) sent to {}: {}", messageId, seqNum, session.containerInstanceArn(),
        payloadTasks.stream().map(t -> t.arn() + " " + t.desiredStatus()).toList());
  }

  /** The new payload carries these tasks' latest state; older pending copies of them are moot. */
  private static void supersede(LinkedHashMap<String, List<String>> queue, List<String> taskArns) {
    queue.replaceAll((id, arns) -> arns.stream().filter(a -> !taskArns.contains(a)).toList());
    queue.values().removeIf(List::isEmpty);
  }
}
