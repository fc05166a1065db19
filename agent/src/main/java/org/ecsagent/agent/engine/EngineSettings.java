package org.ecsagent.agent.engine;

import java.time.Duration;
import java.util.List;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.config.EngineAuth;
import org.ecsagent.agent.config.ImagePullBehavior;

/** The knobs the engine reads, taken from the agent configuration. */
public record EngineSettings(
    String cluster,
    Duration containerStopTimeout,
    Duration taskCleanupWait,
    ImagePullBehavior imagePullBehavior,
    Duration imagePullInactivityTimeout,
    Duration imagePullTimeout,
    boolean disablePrivileged,
    Duration reconcileInterval,
    Duration containerStartTimeout,
    List<String> availableLoggingDrivers,
    int cpuUnits,
    long memoryMiB,
    List<Integer> reservedPorts,
    EngineAuth engineAuth) {

  /** How often the engine asks Docker which containers run, in case an event was missed. */
  public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(20);

  public static EngineSettings from(AgentConfig config) {
    return new EngineSettings(config.cluster(), config.containerStopTimeout(), config.taskCleanupWaitDuration(),
        config.imagePullBehavior(), config.imagePullInactivityTimeout(), config.imagePullTimeout(),
        config.disablePrivileged(), DEFAULT_RECONCILE_INTERVAL, config.containerStartTimeout(),
        config.availableLoggingDrivers(), 0, 0, List.of(), config.engineAuth());
  }

  /** The registered capacity the engine admits tasks against (0 = unknown, unchecked). */
  public EngineSettings withCapacity(int cpuUnits, long memoryMiB, List<Integer> reservedPorts) {
    return new EngineSettings(cluster, containerStopTimeout, taskCleanupWait, imagePullBehavior,
        imagePullInactivityTimeout, imagePullTimeout, disablePrivileged, reconcileInterval, containerStartTimeout,
        availableLoggingDrivers, cpuUnits, memoryMiB, reservedPorts, engineAuth);
  }
}
