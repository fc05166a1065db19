package org.ecsagent.agent.docker;

import java.util.List;
import java.util.Map;

/**
 * What to create: the ECS container definition already translated to Docker terms.
 *
 * @param memoryMiB hard limit in MiB, 0 for none
 * @param cpuShares Docker CPU shares (ECS cpu units), 0 for the Docker default
 * @param dockerConfigJson the control plane's {@code dockerConfig.config} (Docker container config JSON) or null
 * @param hostConfigJson the control plane's {@code dockerConfig.hostConfig} (Docker host config JSON) or null
 * @param mounts volumes, volumesFrom and links
 */
public record ContainerSpec(
    String name,
    String image,
    List<String> command,
    List<String> entryPoint,
    List<String> environment,
    Map<String, String> labels,
    long memoryMiB,
    int cpuShares,
    List<PortMappingSpec> portMappings,
    String networkMode,
    String dockerConfigJson,
    String hostConfigJson,
    Mounts mounts) {

  /** {@code hostPort} 0 asks Docker for a dynamic port. */
  public record PortMappingSpec(int containerPort, int hostPort, String protocol) {}

  /**
   * What the container shares with the host and its task mates, in Docker's own syntax:
   * binds {@code source:target[:ro]}, volumesFrom {@code container[:ro]}, links {@code container:alias}.
   */
  public record Mounts(List<String> binds, List<String> volumesFrom, List<String> links) {
    public static final Mounts NONE = new Mounts(List.of(), List.of(), List.of());
  }
}
