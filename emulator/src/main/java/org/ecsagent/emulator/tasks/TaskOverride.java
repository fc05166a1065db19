package org.ecsagent.emulator.tasks;

import java.util.List;
import java.util.Optional;
import org.ecsagent.emulator.taskdefs.ContainerDefinition.KeyValuePair;

/** The {@code TaskOverride} shape: what RunTask/StartTask change from the task definition. */
public record TaskOverride(List<ContainerOverride> containerOverrides, String cpu, String memory,
    String taskRoleArn, String executionRoleArn) {

  public static final TaskOverride NONE = new TaskOverride(List.of(), null, null, null, null);

  /** The {@code ContainerOverride} shape. */
  public record ContainerOverride(String name, List<String> command, List<KeyValuePair> environment, Integer cpu,
      Integer memory, Integer memoryReservation) {}

  public Optional<ContainerOverride> forContainer(String name) {
    return containerOverrides == null ? Optional.empty()
        : containerOverrides.stream().filter(o -> name.equals(o.name())).findFirst();
  }
}
