package org.ecsagent.agent.statechange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecsagent.agent.controlplane.ControlPlane;
import org.ecsagent.agent.controlplane.ControlPlaneException;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.state.InMemoryStateStore;
import org.ecsagent.agent.state.StateChange;
import org.ecsagent.agent.state.TaskRecord;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.ecsagent.agent.state.StateChange.TaskChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StateChangeReporterTest {
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final MetricRegistry metrics = new MetricRegistry();
  private final InMemoryStateStore store = new InMemoryStateStore();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  /** A control plane that fails the first {@code failures} submissions, then accepts. */
  private static final class FlakyControlPlane implements ControlPlane {
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft;
    final boolean retryable;

    FlakyControlPlane(int failures, boolean retryable) {
      this.failuresLeft = new AtomicInteger(failures);
      this.retryable = retryable;
    }

    @Override
    public void submit(String cluster, StateChange change) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new ControlPlaneException("boom", retryable ? "ServerException" : "InvalidParameterException", retryable,
            null);
      }
      accepted.add(((TaskChange) change).status());
    }

    @Override
    public void createCluster(String cluster) {}

    @Override
    public String registerContainerInstance(Registration registration) {
      return null;
    }

    @Override
    public URI discoverPollEndpoint(String cluster, String containerInstanceArn) {
      return null;
    }

    @Override
    public void close() {}
  }

  @Test
  void resumeDeliversWhatTheStoreStillHolds() {
    FlakyControlPlane cp = new FlakyControlPlane(0, true);
    store.saveTask(record(), List.of(change("RUNNING"), change("STOPPED")));
    var reporter = new StateChangeReporter(cp, store, "c", executor, IntervalFunction.of(10), CrashPoints.none(),
        metrics);

    reporter.resume();

    await().until(() -> cp.accepted.size() == 2);
    assertThat(cp.accepted).containsExactly("RUNNING", "STOPPED");
    await().until(() -> store.pendingChanges().isEmpty());
  }

  private void queue(StateChangeReporter reporter, StateChange change) {
    store.saveTask(record(), List.of(change)).forEach(reporter::onStateChange);
  }

  private static TaskRecord record() {
    return new TaskRecord(new Task("t1", null, List.of(), "RUNNING", "f", "1", null, null, null, null, null, null, null,
        null, null, null, null), "RUNNING", "NONE", null, null, null, null, null, List.of(), null);
  }

  private static TaskChange change(String status) {
    return new TaskChange("t1", status, null, List.of(), null, null, null);
  }

  @Test
  void retriesUntilAcceptedAndKeepsOrderPerTask() {
    FlakyControlPlane cp = new FlakyControlPlane(3, true);
    var reporter = new StateChangeReporter(cp, store, "c", executor, IntervalFunction.of(10), CrashPoints.none(),
        metrics);

    queue(reporter, change("RUNNING"));
    queue(reporter, change("STOPPED"));

    await().until(() -> cp.accepted.size() == 2);
    assertThat(cp.accepted).containsExactly("RUNNING", "STOPPED");
    await().until(() -> reporter.pending() == 0);
    assertThat(store.pendingChanges()).isEmpty();
    assertThat(metrics.counter("statechange.retried").getCount()).isEqualTo(3);
  }

  @Test
  void dropsChangeTheControlPlaneRejectsAsInvalid() {
    FlakyControlPlane cp = new FlakyControlPlane(1, false);
    var reporter = new StateChangeReporter(cp, store, "c", executor, IntervalFunction.of(10), CrashPoints.none(),
        metrics);

    queue(reporter, change("RUNNING"));
    queue(reporter, change("STOPPED"));

    await().until(() -> cp.accepted.size() == 1);
    assertThat(cp.accepted).containsExactly("STOPPED");
    assertThat(metrics.counter("statechange.dropped").getCount()).isEqualTo(1);
  }
}
