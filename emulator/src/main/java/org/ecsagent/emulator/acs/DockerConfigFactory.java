package org.ecsagent.emulator.acs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.emulator.taskdefs.ContainerDefinition.HealthCheck;
import org.ecsagent.emulator.taskdefs.ContainerDefinition.LinuxParameters;
import org.ecsagent.protocol.acs.AcsMessages.DockerConfig;

/**
 * Writes the container-definition settings that have no member of their own in the ACS Container
 * shape into {@code dockerConfig}: Docker Engine API JSON for the container config ({@code config})
 * and the host config ({@code hostConfig}), as the ECS backend does. Only keys that are set appear.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerCreate">ContainerCreate</a>
 */
final class DockerConfigFactory {
  /** ECS health check defaults, in seconds (ContainerDefinition.healthCheck documentation). */
  private static final int DEFAULT_INTERVAL = 30;
  private static final int DEFAULT_TIMEOUT = 5;
  private static final int DEFAULT_RETRIES = 3;
  private static final long MIB = 1024L * 1024L;

  private final ObjectMapper mapper;

  DockerConfigFactory(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param memoryReservation the effective soft limit in MiB (overrides applied), or null
   * @param memory the effective hard limit in MiB, or null
   * @return the docker config, or null when nothing needs passing through
   */
  DockerConfig build(ContainerDefinition c, Integer memory, Integer memoryReservation) {
    Map<String, Object> config = containerConfig(c);
    Map<String, Object> hostConfig = hostConfig(c, memory, memoryReservation);
    if (config.isEmpty() && hostConfig.isEmpty()) {
      return null;
    }
    return new DockerConfig(null, config.isEmpty() ? null : json(config), hostConfig.isEmpty() ? null : json(hostConfig));
  }

  private static Map<String, Object> containerConfig(ContainerDefinition c) {
    Map<String, Object> config = new LinkedHashMap<>();
    putIfSet(config, "Hostname", c.hostname());
    putIfSet(config, "User", c.user());
    putIfSet(config, "WorkingDir", c.workingDirectory());
    if (c.dockerLabels() != null && !c.dockerLabels().isEmpty()) {
      config.put("Labels", c.dockerLabels());
    }
    putIfTrue(config, "NetworkDisabled", c.disableNetworking());
    putIfTrue(config, "OpenStdin", c.interactive());
    putIfTrue(config, "Tty", c.pseudoTerminal());
    if (c.healthCheck() != null && c.healthCheck().command() != null) {
      config.put("Healthcheck", healthcheck(c.healthCheck()));
    }
    return config;
  }

  /** Docker counts health check durations in nanoseconds; ECS in seconds, with defaults. */
  private static Map<String, Object> healthcheck(HealthCheck h) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("Test", h.command());
    check.put("Interval", nanos(h.interval() == null ? DEFAULT_INTERVAL : h.interval()));
    check.put("Timeout", nanos(h.timeout() == null ? DEFAULT_TIMEOUT : h.timeout()));
    check.put("Retries", h.retries() == null ? DEFAULT_RETRIES : h.retries());
    if (h.startPeriod() != null) {
      check.put("StartPeriod", nanos(h.startPeriod()));
    }
    return check;
  }

  private static Map<String, Object> hostConfig(ContainerDefinition c, Integer memory, Integer memoryReservation) {
    Map<String, Object> host = new LinkedHashMap<>();
    if (memoryReservation != null) {
      host.put("MemoryReservation", memoryReservation * MIB);
    }
    if (c.ulimits() != null && !c.ulimits().isEmpty()) {
      host.put("Ulimits", c.ulimits().stream()
          .map(u -> object("Name", u.name(), "Soft", u.softLimit(), "Hard", u.hardLimit())).toList());
    }
    if (c.logConfiguration() != null && c.logConfiguration().logDriver() != null) {
      host.put("LogConfig", object("Type", c.logConfiguration().logDriver(),
          "Config", c.logConfiguration().options() == null ? Map.of() : c.logConfiguration().options()));
    }
    if (c.extraHosts() != null && !c.extraHosts().isEmpty()) {
      host.put("ExtraHosts", c.extraHosts().stream().map(e -> e.hostname() + ":" + e.ipAddress()).toList());
    }
    putIfNotEmpty(host, "Dns", c.dnsServers());
    putIfNotEmpty(host, "DnsSearch", c.dnsSearchDomains());
    putIfNotEmpty(host, "SecurityOpt", c.dockerSecurityOptions());
    putIfTrue(host, "ReadonlyRootfs", c.readonlyRootFilesystem());
    putIfTrue(host, "Privileged", c.privileged());
    if (c.systemControls() != null && !c.systemControls().isEmpty()) {
      Map<String, String> sysctls = new LinkedHashMap<>();
      c.systemControls().forEach(s -> sysctls.put(s.namespace(), s.value()));
      host.put("Sysctls", sysctls);
    }
    if (c.linuxParameters() != null) {
      linuxParameters(c.linuxParameters(), memory, host);
    }
    return host;
  }

  private static void linuxParameters(LinuxParameters p, Integer memory, Map<String, Object> host) {
    if (p.capabilities() != null) {
      putIfNotEmpty(host, "CapAdd", p.capabilities().add());
      putIfNotEmpty(host, "CapDrop", p.capabilities().drop());
    }
    putIfTrue(host, "Init", p.initProcessEnabled());
    if (p.sharedMemorySize() != null) {
      host.put("ShmSize", p.sharedMemorySize() * MIB);
    }
    if (p.tmpfs() != null && !p.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      for (var t : p.tmpfs()) {
        StringBuilder options = new StringBuilder(t.size() == null ? "" : "size=" + t.size() + "m");
        if (t.mountOptions() != null) {
          t.mountOptions().forEach(o -> options.append(options.isEmpty() ? "" : ",").append(o));
        }
        tmpfs.put(t.containerPath(), options.toString());
      }
      host.put("Tmpfs", tmpfs);
    }
    if (p.devices() != null && !p.devices().isEmpty()) {
      host.put("Devices", p.devices().stream().map(d -> object(
          "PathOnHost", d.hostPath(),
          "PathInContainer", d.containerPath() == null ? d.hostPath() : d.containerPath(),
          "CgroupPermissions", cgroupPermissions(d.permissions()))).toList());
    }
    // ECS maxSwap is the swap on top of the hard limit; Docker's MemorySwap is the total.
    if (p.maxSwap() != null && memory != null) {
      host.put("MemorySwap", (memory + (long) p.maxSwap()) * MIB);
    }
    if (p.swappiness() != null) {
      host.put("MemorySwappiness", p.swappiness());
    }
  }

  private static String cgroupPermissions(List<String> permissions) {
    if (permissions == null || permissions.isEmpty()) {
      return "rwm";
    }
    StringBuilder flags = new StringBuilder();
    if (permissions.contains("read")) {
      flags.append('r');
    }
    if (permissions.contains("write")) {
      flags.append('w');
    }
    if (permissions.contains("mknod")) {
      flags.append('m');
    }
    return flags.toString();
  }

  /** A JSON object from key/value pairs, leaving out null values (Map.of would refuse them). */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        object.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return object;
  }

  private static long nanos(int seconds) {
    return Duration.ofSeconds(seconds).toNanos();
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static void putIfTrue(Map<String, Object> map, String key, Boolean value) {
    if (Boolean.TRUE.equals(value)) {
      map.put(key, true);
    }
  }

  private static void putIfNotEmpty(Map<String, Object> map, String key, List<String> values) {
    if (values != null && !values.isEmpty()) {
      map.put(key, values);
    }
  }

  private String json(Map<String, Object> value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write docker config", e);
    }
  }
}
