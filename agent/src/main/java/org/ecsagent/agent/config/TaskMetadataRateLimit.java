package org.ecsagent.agent.config;

/**
 * {@code ECS_TASK_METADATA_RPS_LIMIT}: how many requests a second each task may make to the task
 * metadata and credentials endpoint, written {@code steady,burst} as in the original agent
 * (default {@code 40,60}). Over it, the endpoint answers 429.
 *
 * @param steadyPerSecond requests per second sustained
 * @param burst requests allowed at once after a quiet spell
 */
public record TaskMetadataRateLimit(int steadyPerSecond, int burst) {

  /** The original's default, arrived at by its benchmarks. */
  public static final TaskMetadataRateLimit DEFAULT = new TaskMetadataRateLimit(40, 60);

  /** In the syntax operators write: {@code 40,60}. */
  public String configValue() {
    return steadyPerSecond + "," + burst;
  }
}
