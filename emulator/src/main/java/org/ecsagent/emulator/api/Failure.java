package org.ecsagent.emulator.api;

/** A resource an operation could not act on ({@code Failure} in the ECS model), e.g. {@code MISSING}. */
public record Failure(String arn, String reason, String detail) {
  public static Failure of(String arn, String reason) {
    return new Failure(arn, reason, null);
  }
}
