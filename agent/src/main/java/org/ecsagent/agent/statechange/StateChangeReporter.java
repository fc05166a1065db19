package org.ecsagent.agent.statechange;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ecsagent.agent.controlplane.ControlPlane;
import org.ecsagent.agent.controlplane.ControlPlaneException;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.engine.StateChangeListener;
import org.ecsagent.agent.state.PendingChange;
import org.ecsagent.agent.state.StateChange;
import org.ecsagent.agent.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the engine's state changes to the control plane: in order per task, tasks
 * independently, each change retried with jittered exponential backoff (1 s → 30 s, ×1.3, as the
 * original) until the control plane accepts it. A change the control plane rejects as invalid is
 * dropped with an error log, since repeating it can never succeed.
 *
 * <p>This is the delivery half of the durable outbox: the engine writes each change to the
 * {@link StateStore} together with the task state that caused it; this class submits it and only
 * then removes it from the store. After a crash, {@link #resume()} picks up whatever was still
 * queued, so a change is delivered at least once; the control plane treats a repeated identical
 * submission as a no-op.
 */
public final class StateChangeReporter implements StateChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateChangeReporter.class);

  private final ControlPlane controlPlane;
  private final StateStore store;
  private final CrashPoints crashPoints;
  private final String cluster;
  private final ScheduledExecutorService executor;
  private final IntervalFunction backoff;

  private final Object lock = new Object();
  private final Map<String, Deque<PendingChange>> queues = new HashMap<>(); // guarded by lock
  private final Map<String, Integer> attempts = new HashMap<>(); // guarded by lock
  private int pending; // guarded by lock
  private volatile boolean closed;

  private final Counter submitted;
  private final Counter retried;
  private final Counter dropped;

  public StateChangeReporter(ControlPlane controlPlane, StateStore store, String cluster,
      ScheduledExecutorService executor, IntervalFunction backoff, CrashPoints crashPoints, MetricRegistry metrics) {
    this.controlPlane = controlPlane;
    this.store = store;
    this.crashPoints = crashPoints;
    this.cluster = cluster;
    this.executor = executor;
    this.backoff = backoff;
    this.submitted = metrics.counter("statechange.submitted");
    this.retried = metrics.counter("statechange.retried");
    this.dropped = metrics.counter("statechange.dropped");
    metrics.gauge("statechange.pending", () -> this::pending);
  }

  /** The original's backoff for state-change submission: 1 s to 30 s, ×1.3, 20 % jitter. */
  public static IntervalFunction defaultBackoff() {
    return IntervalFunction.ofExponentialRandomBackoff(1000, 1.3, 0.2, 30_000);
  }

  /** Queues what the store still holds from before a restart, oldest first. */
  public void resume() {
    List<PendingChange> leftOver = store.pendingChanges();
    if (!leftOver.isEmpty()) {
      log.info("resuming delivery of {} state change(s) queued before the restart", leftOver.size());
    }
    leftOver.forEach(this::onStateChange);
  }

  @Override
  public void onStateChange(PendingChange change) {
    String taskArn = change.change().taskArn();
    boolean startDrain;
    synchronized (lock) {
      Deque<PendingChange> queue = queues.computeIfAbsent(taskArn, k -> new ArrayDeque<>());
      startDrain = queue.isEmpty();
      queue.addLast(change);
      pending++;
    }
    if (startDrain) {
      executor.execute(() -> drain(taskArn));
    }
  }

  public int pending() {
    synchronized (lock) {
      return pending;
    }
  }

  private void drain(String taskArn) {
    if (closed) {
      return;
    }
    PendingChange pendingHead;
    synchronized (lock) {
      Deque<PendingChange> queue = queues.get(taskArn);
      pendingHead = queue == null ? null : queue.peekFirst();
    }
    if (pendingHead == null) {
      return;
    }
    StateChange head = pendingHead.change();
    try {
      controlPlane.submit(cluster, head);
      submitted.inc();
      log.debug("submitted {}", describe(head));
      crashPoints.reach("submitted");
      finishHead(taskArn);
    } catch (ControlPlaneException e) {
      if (!e.retryable()) {
        dropped.inc();
        log.error("control plane rejected {}; dropping it: {}", describe(head), e.getMessage());
        finishHead(taskArn);
        return;
      }
      int attempt;
      synchronized (lock) {
        attempt = attempts.merge(taskArn, 1, Integer::sum);
      }
      long delay = backoff.apply(attempt);
      retried.inc();
      log.warn("submitting {} failed (attempt {}), retrying in {} ms: {}", describe(head), attempt, delay, e.getMessage());
      executor.schedule(() -> drain(taskArn), delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      log.error("unexpected failure submitting {}; retrying in 5 s", describe(head), e);
      executor.schedule(() -> drain(taskArn), 5, TimeUnit.SECONDS);
    }
  }

  /** The head change is done with (accepted, or rejected for good): it leaves the store, then the queue. */
  private void finishHead(String taskArn) {
    PendingChange done;
    synchronized (lock) {
      done = queues.get(taskArn).peekFirst();
    }
    store.markSubmitted(done.sequence()); // outside the lock: this is an fsync
    boolean more;
    synchronized (lock) {
      Deque<PendingChange> queue = queues.get(taskArn);
      queue.pollFirst();
      pending--;
      attempts.remove(taskArn);
      more = !queue.isEmpty();
      if (!more) {
        queues.remove(taskArn);
      }
    }
    if (more) {
      executor.execute(() -> drain(taskArn));
    }
  }

  private static String describe(StateChange change) {
    return switch (change) {
      case StateChange.TaskChange t -> "task " + t.taskArn() + " " + t.status();
      case StateChange.ContainerChange c -> "container " + c.containerName() + " of " + c.taskArn() + " " + c.status();
    };
  }

  @Override
  public void close() {
    closed = true;
  }
}
