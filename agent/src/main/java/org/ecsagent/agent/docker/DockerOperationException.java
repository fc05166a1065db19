package org.ecsagent.agent.docker;

/** A Docker Engine call that failed, with the operation and Docker's own explanation. */
public final class DockerOperationException extends RuntimeException {
  private final String operation;

  public DockerOperationException(String operation, String message, Throwable cause) {
    super(operation + ": " + message, cause);
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }

  /** Docker's explanation without the operation prefix. */
  public String detail() {
    return getMessage().substring(operation.length() + 2);
  }
}
