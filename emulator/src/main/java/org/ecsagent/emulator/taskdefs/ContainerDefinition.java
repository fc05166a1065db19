package org.ecsagent.emulator.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The {@code ContainerDefinition} shape of the ECS API, with the model's member names. Members the
 * emulator only stores and echoes (secrets, firelens, ...) are kept as raw JSON; members it
 * translates for the agent are typed.
 */
public record ContainerDefinition(
    String name,
    String image,
    JsonNode repositoryCredentials,
    Integer cpu,
    Integer memory,
    Integer memoryReservation,
    List<String> links,
    List<PortMapping> portMappings,
    Boolean essential,
    JsonNode restartPolicy,
    List<String> entryPoint,
    List<String> command,
    List<KeyValuePair> environment,
    List<EnvironmentFile> environmentFiles,
    List<MountPoint> mountPoints,
    List<VolumeFrom> volumesFrom,
    LinuxParameters linuxParameters,
    JsonNode secrets,
    List<ContainerDependency> dependsOn,
    Integer startTimeout,
    Integer stopTimeout,
    String hostname,
    String user,
    String workingDirectory,
    Boolean disableNetworking,
    Boolean privileged,
    Boolean readonlyRootFilesystem,
    List<String> dnsServers,
    List<String> dnsSearchDomains,
    List<HostEntry> extraHosts,
    List<String> dockerSecurityOptions,
    Boolean interactive,
    Boolean pseudoTerminal,
    Map<String, String> dockerLabels,
    List<Ulimit> ulimits,
    LogConfiguration logConfiguration,
    HealthCheck healthCheck,
    List<SystemControl> systemControls,
    JsonNode resourceRequirements,
    JsonNode firelensConfiguration,
    List<String> credentialSpecs) {

  public record PortMapping(Integer containerPort, Integer hostPort, String protocol, String name, String appProtocol,
      String containerPortRange) {}

  public record KeyValuePair(String name, String value) {}

  public record EnvironmentFile(String value, String type) {}

  public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {}

  public record VolumeFrom(String sourceContainer, Boolean readOnly) {}

  public record ContainerDependency(String containerName, String condition) {}

  public record HostEntry(String hostname, String ipAddress) {}

  public record Ulimit(String name, Integer softLimit, Integer hardLimit) {}

  public record LogConfiguration(String logDriver, Map<String, String> options, JsonNode secretOptions) {}

  /** Seconds, as ECS counts them; Docker wants nanoseconds. */
  public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries,
      Integer startPeriod) {}

  public record SystemControl(String namespace, String value) {}

  public record LinuxParameters(KernelCapabilities capabilities, List<Device> devices, Boolean initProcessEnabled,
      Integer sharedMemorySize, List<Tmpfs> tmpfs, Integer maxSwap, Integer swappiness) {}

  public record KernelCapabilities(List<String> add, List<String> drop) {}

  public record Device(String hostPath, String containerPath, List<String> permissions) {}

  public record Tmpfs(String containerPath, Integer size, List<String> mountOptions) {}

  /** Whether the task stops when this container stops; ECS defaults it to true. */
  public boolean isEssential() {
    return essential == null || essential;
  }

  /**
   * The definition as ECS stores it: the defaults it fills in made explicit ({@code cpu} 0,
   * {@code essential} true, {@code tcp} port mappings, empty lists rather than absent ones).
   */
  ContainerDefinition withDefaults() {
    List<PortMapping> ports = portMappings == null ? List.of() : portMappings.stream()
        .map(p -> p.protocol() != null ? p : new PortMapping(p.containerPort(), p.hostPort(), "tcp", p.name(),
            p.appProtocol(), p.containerPortRange()))
        .toList();
    return new ContainerDefinition(name, image, repositoryCredentials, cpu == null ? 0 : cpu, memory,
        memoryReservation, links, ports, isEssential(), restartPolicy, entryPoint, command,
        environment == null ? List.of() : environment, environmentFiles,
        mountPoints == null ? List.of() : mountPoints, volumesFrom == null ? List.of() : volumesFrom,
        linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, hostname, user, workingDirectory,
        disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts,
        dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck,
        systemControls, resourceRequirements, firelensConfiguration, credentialSpecs);
  }
}
