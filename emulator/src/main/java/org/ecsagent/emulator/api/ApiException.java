package org.ecsagent.emulator.api;

/**
 * A request the emulator refuses, as the client will see it: an {@link ErrorShape} and the
 * message real ECS would give. Operations throw it; {@link EcsApiHandler} turns it into the
 * {@code {"__type":..,"message":..}} body.
 */
public final class ApiException extends RuntimeException {
  private final ErrorShape shape;

  public ApiException(ErrorShape shape, String message) {
    super(message, null, false, false);
    this.shape = shape;
  }

  public ErrorShape shape() {
    return shape;
  }

  public static ApiException client(String message) {
    return new ApiException(ErrorShape.CLIENT, message);
  }

  public static ApiException invalidParameter(String message) {
    return new ApiException(ErrorShape.INVALID_PARAMETER, message);
  }

  public static ApiException clusterNotFound() {
    return new ApiException(ErrorShape.CLUSTER_NOT_FOUND, "Cluster not found.");
  }
}
