package org.ecsagent.emulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.ecsagent.emulator.acs.PayloadOrder;
import org.ecsagent.emulator.api.ErrorShape;

/**
 * Fault controls for tests, all off by default. Each call runs on the emulator's state thread and
 * returns once it has taken effect. Durations run on the emulator's clock (so a test clock drives
 * them); delayed messages go out on the first tick after they are due.
 *
 * <pre>
 *   emulator.faults().failApiCalls("SubmitTaskStateChange", ErrorShape.THROTTLING, 2);
 *   emulator.faults().dropAcsConnections();
 *   emulator.faults().refuseAcsConnections(Duration.ofMinutes(1));
 *   emulator.faults().clear();
 * </pre>
 *
 * Container instances are named by ARN or id.
 */
public final class Faults {
  private final FaultControls controls;
  private final Executor stateThread;

  public Faults(FaultControls controls, Executor stateThread) {
    this.controls = controls;
    this.stateThread = stateThread;
  }

  /** Drops every open ACS connection at once (no close frame); returns the instances that were connected. */
  public List<String> dropAcsConnections() {
    return call(() -> controls.dropAcs(Optional.empty()));
  }

  /** Drops the instance's ACS connection, if it has one; returns whether it had. */
  public boolean dropAcsConnection(String containerInstance) {
    return !call(() -> controls.dropAcs(Optional.of(containerInstance))).isEmpty();
  }

  /** Answers ACS connection attempts with 503 for this long; {@link Duration#ZERO} ends it. */
  public void refuseAcsConnections(Duration duration) {
    run(() -> controls.refuseAcs(duration));
  }

  /** Delays every ACS message (payloads and heartbeats) by this long, in order; zero sends the delayed ones now. */
  public void delayAcsMessages(Duration delay) {
    run(() -> controls.delayAcs(delay));
  }

  /** Keeps the instance's payloads back (numbered, but unsent) until {@link #releasePayloads}. */
  public void holdPayloads(String containerInstance) {
    run(() -> controls.holdPayloads(containerInstance));
  }

  /** Stops holding and sends the held payloads in the given order (e.g. reversed); returns how many. */
  public int releasePayloads(String containerInstance, PayloadOrder order) {
    return call(() -> controls.releasePayloads(containerInstance, order));
  }

  /** Sends the instance's last {@code count} payloads again with the same messageId and seqNum; returns how many. */
  public int replayPayloads(String containerInstance, int count) {
    return call(() -> controls.replayPayloads(containerInstance, count));
  }

  /** The next {@code calls} calls of the operation (e.g. {@code SubmitTaskStateChange}) fail with the error. */
  public void failApiCalls(String operation, ErrorShape error, int calls) {
    run(() -> controls.failApiCalls(operation, error, null, calls));
  }

  /** Every call of the operation fails with the error for this long. */
  public void failApiCalls(String operation, ErrorShape error, Duration duration) {
    run(() -> controls.failApiCalls(operation, error, null, duration));
  }

  public FaultStatus status() {
    return call(controls::status);
  }

  /** Ends every fault: held and delayed messages go out, refusals and API failures stop. */
  public void clear() {
    run(controls::clear);
  }

  private void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  private <T> T call(Supplier<T> action) {
    try {
      return CompletableFuture.supplyAsync(action, stateThread).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
