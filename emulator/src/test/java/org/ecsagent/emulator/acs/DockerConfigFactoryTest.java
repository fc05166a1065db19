package org.ecsagent.emulator.acs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.protocol.acs.AcsMessages.DockerConfig;
import org.junit.jupiter.api.Test;

class DockerConfigFactoryTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final DockerConfigFactory factory = new DockerConfigFactory(mapper);

  @Test
  void leavesDockerConfigOutWhenNothingNeedsIt() {
    assertThat(factory.build(definition(Map.of()), 128, null)).isNull();
  }

  @Test
  void fillsHealthCheckDefaultsInNanoseconds() throws Exception {
    ContainerDefinition c = definition(Map.of("healthCheck", Map.of("command", List.of("CMD", "true"))));

    JsonNode check = config(factory.build(c, 128, null)).path("Healthcheck");

    assertThat(check.path("Test").toString()).isEqualTo("[\"CMD\",\"true\"]");
    assertThat(check.path("Interval").asLong()).isEqualTo(30_000_000_000L);
    assertThat(check.path("Timeout").asLong()).isEqualTo(5_000_000_000L);
    assertThat(check.path("Retries").asInt()).isEqualTo(3);
    assertThat(check.has("StartPeriod")).isFalse();
  }

  @Test
  void translatesContainerSettings() throws Exception {
    ContainerDefinition c = definition(Map.of("hostname", "box", "user", "1000", "workingDirectory", "/srv",
        "dockerLabels", Map.of("a", "b")));

    JsonNode config = config(factory.build(c, 128, null));

    assertThat(config.path("Hostname").asText()).isEqualTo("box");
    assertThat(config.path("User").asText()).isEqualTo("1000");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/srv");
    assertThat(config.path("Labels").path("a").asText()).isEqualTo("b");
    assertThat(factory.build(c, 128, null).hostConfig()).isNull();
  }

  @Test
  void translatesHostSettings() throws Exception {
    ContainerDefinition c = definition(Map.of(
        "ulimits", List.of(Map.of("name", "nofile", "softLimit", 1024, "hardLimit", 4096)),
        "extraHosts", List.of(Map.of("hostname", "db", "ipAddress", "10.0.0.5")),
        "dnsServers", List.of("1.1.1.1"),
        "readonlyRootFilesystem", true,
        "linuxParameters", Map.of("capabilities", Map.of("add", List.of("NET_ADMIN")), "initProcessEnabled", true,
            "sharedMemorySize", 64, "maxSwap", 256)));

    JsonNode host = hostConfig(factory.build(c, 512, 256));

    assertThat(host.path("MemoryReservation").asLong()).isEqualTo(256L * 1024 * 1024);
    assertThat(host.path("Ulimits").toString()).isEqualTo("[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":4096}]");
    assertThat(host.path("ExtraHosts").toString()).isEqualTo("[\"db:10.0.0.5\"]");
    assertThat(host.path("Dns").toString()).isEqualTo("[\"1.1.1.1\"]");
    assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
    assertThat(host.path("CapAdd").toString()).isEqualTo("[\"NET_ADMIN\"]");
    assertThat(host.path("Init").asBoolean()).isTrue();
    assertThat(host.path("ShmSize").asLong()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.path("MemorySwap").asLong()).isEqualTo((512L + 256) * 1024 * 1024);
    assertThat(host.has("Privileged")).isFalse();
  }

  /** A definition read from JSON, as the emulator reads RegisterTaskDefinition. */
  private ContainerDefinition definition(Map<String, Object> settings) {
    Map<String, Object> json = new java.util.HashMap<>(settings);
    json.put("name", "app");
    json.put("image", "busybox");
    return mapper.convertValue(json, ContainerDefinition.class);
  }

  private JsonNode config(DockerConfig dockerConfig) throws Exception {
    return mapper.readTree(dockerConfig.config());
  }

  private JsonNode hostConfig(DockerConfig dockerConfig) throws Exception {
    return mapper.readTree(dockerConfig.hostConfig());
  }
}
