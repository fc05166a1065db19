package org.ecsagent.agent.controlplane;

/** A failed ECS API call. {@link #retryable()} is false when repeating the same call cannot succeed. */
public final class ControlPlaneException extends RuntimeException {
  private final boolean retryable;
  private final String errorCode;

  public ControlPlaneException(String message, String errorCode, boolean retryable, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  public String errorCode() {
    return errorCode;
  }
}
