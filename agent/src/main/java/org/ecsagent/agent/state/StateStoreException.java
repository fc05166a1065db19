package org.ecsagent.agent.state;

/** The state store cannot be read or written; the message says which file and what to do. */
public final class StateStoreException extends RuntimeException {
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
