package org.ecsagent.emulator.instances;

import java.util.List;
import java.util.Optional;
import org.ecsagent.emulator.query.Subjects;

/**
 * One instance as the cluster query language sees it: its attributes, ids, agent and the groups
 * of the tasks it runs. Used for ListContainerInstances filters and memberOf constraints.
 */
public record InstanceFacts(ContainerInstanceState instance, InstanceUsage.Usage usage) implements Subjects {

  @Override
  public List<String> values(String subject) {
    if (subject.startsWith("attribute:")) {
      String name = subject.substring("attribute:".length());
      return instance.attributes().stream().filter(a -> a.name().equals(name))
          .map(a -> a.value() == null ? "" : a.value()).toList();
    }
    return switch (subject) {
      case "ec2InstanceId" -> List.of(instance.ec2InstanceId());
      case "agentConnected" -> List.of(String.valueOf(instance.isAgentConnected()));
      case "agentVersion" -> Optional.ofNullable(instance.versionInfo()).map(VersionInfo::agentVersion).stream().toList();
      case "registeredAt" -> List.of(instance.registeredAt().toString());
      case "runningTasksCount" -> List.of(String.valueOf(usage.runningTasks()));
      case "task:group" -> List.copyOf(usage.groups().keySet());
      default -> List.of();
    };
  }
}
