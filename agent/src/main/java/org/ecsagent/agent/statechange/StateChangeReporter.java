package org.ecsagent.agent.statechange;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ecsagent.agent.controlplane.ControlPlane;
import org.ecsagent.agent.controlplane.ControlPlaneException;
import org.ecsagent.agent.engine.StateChange;
import org.ecsagent.agent.engine.StateChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the engine's state changes to the control plane: in order per task, tasks
 * independently, each change retried with jittered exponential backoff (1 s → 30 s, ×1.3, as the
 * original) until the control plane accepts it. A change the control plane rejects as invalid is
 * dropped with an error log, since repeating it can never succeed.
 *
 * <p>Queues are in memory; the durable outbox that survives restarts replaces them with the
 * state store.
 */
public final class StateChangeReporter implements StateChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateChangeReporter.class);

  private final ControlPlane controlPlane;
  private final String cluster;
  private final ScheduledExecutorService executor;
  private final IntervalFunction backoff;

  private final Object lock = new Object();
  private final Map<String, Deque<StateChange>> queues = new HashMap<>(); // guarded by lock
  private final Map<String, Integer> attempts = new HashMap<>(); // guarded by lock
  private int pending; // guarded by lock
  private volatile boolean closed;

  private final Counter submitted;
  private final Counter retried;
  private final Counter dropped;

  public StateChangeReporter(ControlPlane controlPlane, String cluster, ScheduledExecutorService executor,
      IntervalFunction backoff, MetricRegistry metrics) {
    this.controlPlane = controlPlane;
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

  @Override
  public void onStateChange(StateChange change) {
    boolean startDrain;
    synchronized (lock) {
      Deque<StateChange> queue = queues.computeIfAbsent(change.taskArn(), k -> new ArrayDeque<>());
      startDrain = queue.isEmpty();
      queue.addLast(change);
      pending++;
    }
    if (startDrain) {
      executor.execute(() -> drain(change.taskArn()));
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
    StateChange head;
    synchronized (lock) {
      Deque<StateChange> queue = queues.get(taskArn);
      head = queue == null ? null : queue.peekFirst();
    }
    if (head == null) {
      return;
    }
    try {
      controlPlane.submit(cluster, head);
      submitted.inc();
      log.debug("submitted {}", describe(head));
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

  private void finishHead(String taskArn) {
    boolean more;
    synchronized (lock) {
      Deque<StateChange> queue = queues.get(taskArn);
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
