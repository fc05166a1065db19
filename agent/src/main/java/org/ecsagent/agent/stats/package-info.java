/**
 * Container stats for the task metadata endpoint (and, later, telemetry): a cache filled by
 * <em>polling</em> Docker.
 *
 * <p>{@link org.ecsagent.agent.stats.StatsPoller} asks Docker for one stats sample per running
 * container every {@code ECS_POLLING_METRICS_WAIT_DURATION} (10 s by default), on a small fixed
 * pool, and never holds a stats stream open: the original's one stream per container pegged
 * containerd at ~100 % CPU with 150+ containers until it switched to polling. Samples go into
 * {@link org.ecsagent.agent.stats.StatsCache}, which the endpoint reads from memory. The Docker
 * calls (one-shot stats and inspect for the container's addresses) are the package's own
 * {@code DockerStatsClient}, so the engine's {@code DockerGateway} stays as it is.
 */
package org.ecsagent.agent.stats;
