package org.ecsagent.agent.stats;

/** Docker could not answer a stats or inspect call; says which and why. */
final class DockerStatsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DockerStatsException(String message, Throwable cause) {
    super(message, cause);
  }
}
