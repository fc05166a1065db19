package org.ecsagent.emulator.faults;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ecsagent.emulator.acs.AcsEndpoint;
import org.ecsagent.emulator.acs.PayloadOrder;
import org.ecsagent.emulator.api.CallFilter;
import org.ecsagent.emulator.api.ErrorShape;

/**
 * The fault controls as state-thread operations, shared by the Java facade ({@link Faults}) and
 * the HTTP control routes. Instance references are ARNs or ids; durations run on the emulator's
 * clock. Bad arguments throw {@link IllegalArgumentException}.
 */
public final class FaultControls {
  private final AcsEndpoint acs;
  private final ApiFaults api;
  private final Clock clock;

  public FaultControls(AcsEndpoint acs, Clock clock) {
    this.acs = acs;
    this.api = new ApiFaults(clock);
    this.clock = clock;
  }

  /** The filter that fails API calls as asked; goes around every operation. */
  public CallFilter apiFilter() {
    return api;
  }

  public List<String> dropAcs(Optional<String> instance) {
    return acs.drop(instance);
  }

  public void refuseAcs(Duration duration) {
    requireNotNegative(duration, "refusal");
    acs.refuseConnections(duration);
  }

  public void delayAcs(Duration delay) {
    requireNotNegative(delay, "delay");
    acs.delay(delay);
  }

  public void holdPayloads(String instance) {
    acs.hold(instance);
  }

  public int releasePayloads(String instance, PayloadOrder order) {
    return acs.release(instance, order);
  }

  public int replayPayloads(String instance, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    return acs.replay(instance, count);
  }

  public void failApiCalls(String operation, ErrorShape error, String message, int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1: " + calls);
    }
    api.add(new ApiFailure(requireOperation(operation), error, messageOr(message, error), calls, null));
  }

  public void failApiCalls(String operation, ErrorShape error, String message, Duration duration) {
    requireNotNegative(duration, "duration");
    api.add(new ApiFailure(requireOperation(operation), error, messageOr(message, error), null,
        clock.instant().plus(duration)));
  }

  public FaultStatus status() {
    return new FaultStatus(acs.faultStatus(), api.live());
  }

  public void clear() {
    acs.clearFaults();
    api.clear();
  }

  private static String requireOperation(String operation) {
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("operation is required, e.g. SubmitTaskStateChange");
    }
    return operation;
  }

  private static String messageOr(String message, ErrorShape error) {
    return message == null || message.isBlank() ? ApiFailure.defaultMessage(error) : message;
  }

  private static void requireNotNegative(Duration duration, String what) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + duration);
    }
  }
}
