package org.ecsagent.emulator.faults;

import java.time.Instant;
import org.ecsagent.emulator.api.ErrorShape;

/**
 * One injected API failure: calls of {@code operation} fail with {@code error} while the rule
 * lasts, i.e. for the next {@code remainingCalls} calls, or until {@code until} by the emulator's
 * clock (exactly one of the two is set).
 */
public record ApiFailure(String operation, ErrorShape error, String message, Integer remainingCalls, Instant until) {

  boolean isLive(Instant now) {
    return remainingCalls != null ? remainingCalls > 0 : now.isBefore(until);
  }

  ApiFailure used() {
    return remainingCalls == null ? this : new ApiFailure(operation, error, message, remainingCalls - 1, until);
  }

  static String defaultMessage(ErrorShape error) {
    return switch (error) {
      case THROTTLING -> "Rate exceeded";
      case SERVER -> "Service unavailable (emulator fault control)";
      default -> "Injected by the emulator's fault controls";
    };
  }
}
