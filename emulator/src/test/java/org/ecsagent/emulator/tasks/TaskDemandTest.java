package org.ecsagent.emulator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.placement.Demand;
import org.ecsagent.emulator.placement.Demand.HostPort;
import org.ecsagent.emulator.tasks.TaskOverride.ContainerOverride;
import org.junit.jupiter.api.Test;

class TaskDemandTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void reservesTheSoftLimitWhenAContainerHasOne() {
    TaskDefinition definition = definition("bridge", null, null,
        Map.of("name", "a", "image", "x", "cpu", 100, "memory", 512, "memoryReservation", 128),
        Map.of("name", "b", "image", "x", "memory", 64));

    Demand demand = TaskDemand.of(definition, TaskOverride.NONE);

    assertThat(demand.cpu()).isEqualTo(100);
    assertThat(demand.memory()).isEqualTo(128 + 64);
  }

  @Test
  void takesTaskLevelSizeAndOverridesIntoAccount() {
    TaskDefinition sized = definition("bridge", "1 vCPU", "1 GB", Map.of("name", "a", "image", "x"));
    assertThat(TaskDemand.of(sized, TaskOverride.NONE)).isEqualTo(new Demand(1024, 1024, java.util.Set.of()));

    TaskDefinition plain = definition("bridge", null, null, Map.of("name", "a", "image", "x", "memory", 64));
    TaskOverride bigger = new TaskOverride(List.of(new ContainerOverride("a", null, null, 10, 300, null)), null, null,
        null, null);
    assertThat(TaskDemand.of(plain, bigger).memory()).isEqualTo(300);
    assertThat(TaskDemand.of(plain, bigger).cpu()).isEqualTo(10);
  }

  @Test
  void countsOnlyStaticHostPorts() {
    Map<String, Object> container = Map.of("name", "a", "image", "x", "memory", 8, "portMappings", List.of(
        Map.of("containerPort", 80, "hostPort", 8080),
        Map.of("containerPort", 53, "hostPort", 5353, "protocol", "udp"),
        Map.of("containerPort", 443)));

    assertThat(TaskDemand.of(definition("bridge", null, null, container), TaskOverride.NONE).ports())
        .containsExactlyInAnyOrder(new HostPort(8080, "tcp"), new HostPort(5353, "udp"));
    assertThat(TaskDemand.of(definition("host", null, null, container), TaskOverride.NONE).ports())
        .containsExactlyInAnyOrder(new HostPort(8080, "tcp"), new HostPort(5353, "udp"), new HostPort(443, "tcp"));
    assertThat(TaskDemand.of(definition("awsvpc", null, null, container), TaskOverride.NONE).ports()).isEmpty();
  }

  @SafeVarargs
  private TaskDefinition definition(String networkMode, String cpu, String memory, Map<String, Object>... containers) {
    Map<String, Object> json = new java.util.HashMap<>();
    json.put("family", "f");
    json.put("revision", 1);
    json.put("networkMode", networkMode);
    json.put("containerDefinitions", List.of(containers));
    if (cpu != null) {
      json.put("cpu", cpu);
    }
    if (memory != null) {
      json.put("memory", memory);
    }
    return mapper.convertValue(json, TaskDefinition.class);
  }
}
