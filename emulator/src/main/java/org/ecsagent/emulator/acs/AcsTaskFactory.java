package org.ecsagent.emulator.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.emulator.taskdefs.ContainerDefinition.KeyValuePair;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.taskdefs.TaskSize;
import org.ecsagent.emulator.taskdefs.Volume;
import org.ecsagent.emulator.tasks.ContainerState;
import org.ecsagent.emulator.tasks.TaskOverride;
import org.ecsagent.emulator.tasks.TaskOverride.ContainerOverride;
import org.ecsagent.emulator.tasks.TaskState;
import org.ecsagent.protocol.acs.AcsMessages;

/**
 * Translates a task (its definition with the RunTask overrides applied) into the ACS Task shape
 * the agent receives in a PayloadMessage. Where ECS and ACS spell things differently, this is
 * where it shows: environment becomes a map, task cpu is in vCPUs, and Docker-only settings go
 * into {@code dockerConfig} (see {@link DockerConfigFactory}).
 */
final class AcsTaskFactory {
  private static final double UNITS_PER_VCPU = 1024.0;

  private final DockerConfigFactory dockerConfigs;
  private final ObjectMapper mapper;
  private final RoleCredentialsIssuer credentials;

  AcsTaskFactory(DockerConfigFactory dockerConfigs, ObjectMapper mapper, RoleCredentialsIssuer credentials) {
    this.dockerConfigs = dockerConfigs;
    this.mapper = mapper;
    this.credentials = credentials;
  }

  /** The task role, RunTask's override first. */
  static Optional<String> taskRoleArn(TaskState task) {
    return Optional.ofNullable(task.overrides().taskRoleArn()).or(() -> Optional.ofNullable(task.definition().taskRoleArn()));
  }

  static Optional<String> executionRoleArn(TaskState task) {
    return Optional.ofNullable(task.overrides().executionRoleArn())
        .or(() -> Optional.ofNullable(task.definition().executionRoleArn()));
  }

  AcsMessages.Task build(TaskState task) {
    TaskDefinition definition = task.definition();
    TaskOverride overrides = task.overrides();
    String cpu = overrides.cpu() != null ? overrides.cpu() : definition.cpu();
    String memory = overrides.memory() != null ? overrides.memory() : definition.memory();
    List<AcsMessages.Container> containers = definition.containerDefinitions().stream()
        .map(c -> container(c, overrides.forContainer(c.name()), task.container(c.name()), definition.networkMode()))
        .toList();
    return new AcsMessages.Task(
        task.arn(),
        task.clusterArn(),
        containers,
        task.desiredStatus().name(),
        definition.family(),
        String.valueOf(definition.revision()),
        definition.volumes().stream().map(AcsTaskFactory::volume).toList(),
        taskRoleArn(task).map(role -> credentials.issue(role, "task")).orElse(null),
        executionRoleArn(task).map(role -> credentials.issue(role, "execution")).orElse(null),
        cpu == null ? null : TaskSize.cpuUnits(cpu) / UNITS_PER_VCPU, // the agent counts task CPU in vCPUs
        memory == null ? null : TaskSize.memoryMiB(memory),
        definition.pidMode(),
        definition.ipcMode(),
        "EC2",
        definition.networkMode(),
        null,
        task.group());
  }

  private AcsMessages.Container container(ContainerDefinition c, Optional<ContainerOverride> override,
      Optional<ContainerState> state, String networkMode) {
    List<String> command = override.map(ContainerOverride::command).orElse(c.command());
    Integer cpu = override.map(ContainerOverride::cpu).orElse(c.cpu());
    Integer memory = override.map(ContainerOverride::memory).orElse(c.memory());
    Integer memoryReservation = override.map(ContainerOverride::memoryReservation).orElse(c.memoryReservation());
    return new AcsMessages.Container(
        c.name(),
        c.image(),
        command,
        c.entryPoint(),
        cpu,
        memory,
        environment(c.environment(), override.map(ContainerOverride::environment).orElse(null)),
        c.environmentFiles() == null ? null : c.environmentFiles().stream()
            .map(f -> new AcsMessages.EnvironmentFile(f.value(), f.type())).toList(),
        c.isEssential(),
        c.links(),
        c.portMappings() == null ? null : c.portMappings().stream().map(p -> portMapping(p, networkMode)).toList(),
        c.mountPoints() == null ? null : c.mountPoints().stream()
            .map(m -> new AcsMessages.MountPoint(m.sourceVolume(), m.containerPath(), m.readOnly())).toList(),
        c.volumesFrom() == null ? null : c.volumesFrom().stream()
            .map(v -> new AcsMessages.VolumeFrom(v.sourceContainer(), v.readOnly())).toList(),
        dockerConfigs.build(c, memory, memoryReservation),
        null,
        null,
        c.dependsOn() == null ? null : c.dependsOn().stream()
            .map(d -> new AcsMessages.ContainerDependency(d.containerName(), d.condition())).toList(),
        c.startTimeout(),
        c.stopTimeout(),
        c.healthCheck() == null ? null : "docker",
        c.privileged(),
        c.linuxParameters() == null ? null : mapper.<JsonNode>valueToTree(c.linuxParameters()),
        state.map(ContainerState::containerArn).orElse(null));
  }

  /** ACS carries the environment as a map; an override's variables win over the definition's. */
  private static Map<String, String> environment(List<KeyValuePair> defined, List<KeyValuePair> overridden) {
    Map<String, String> environment = new LinkedHashMap<>();
    Stream.of(defined, overridden).filter(Objects::nonNull).flatMap(List::stream)
        .filter(kv -> kv.name() != null)
        .forEach(kv -> environment.put(kv.name(), kv.value() == null ? "" : kv.value()));
    return environment;
  }

  /** In host mode the container port is the host port unless one is given. */
  private static AcsMessages.PortMapping portMapping(ContainerDefinition.PortMapping p, String networkMode) {
    Integer hostPort = "host".equals(networkMode) && p.hostPort() == null ? p.containerPort() : p.hostPort();
    return new AcsMessages.PortMapping(p.containerPort(), hostPort, p.containerPortRange(),
        p.protocol() == null ? "tcp" : p.protocol());
  }

  private static AcsMessages.Volume volume(Volume v) {
    if (v.dockerVolumeConfiguration() != null) {
      return new AcsMessages.Volume(v.name(), "docker", null, v.dockerVolumeConfiguration());
    }
    if (v.efsVolumeConfiguration() != null) {
      return new AcsMessages.Volume(v.name(), "efs", null, null);
    }
    // A host volume without sourcePath is an empty scratch volume the agent creates.
    return new AcsMessages.Volume(v.name(), "host",
        new AcsMessages.HostVolumeProperties(v.host() == null ? null : v.host().sourcePath()), null);
  }
}
