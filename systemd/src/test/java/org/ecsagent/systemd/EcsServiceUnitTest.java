package org.ecsagent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit as systemd reads it, and the settings the agent depends on. */
class EcsServiceUnitTest {
  private final UnitFile unit = UnitFile.read(SystemdSources.unit());

  @TempDir Path stage;

  @Test
  void passesSystemdAnalyzeVerify() throws IOException {
    HostRequirements.requireCommands("systemd-analyze");
    Path staged = stageUnitWithItsCommands();

    HostCommand.Result verify = HostCommand.of("systemd-analyze", "verify", staged.toString()).run();

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.stderr()).as("warnings from systemd-analyze verify").isEmpty();
  }

  @Test
  void hardeningRatesBetterThanMedium() throws IOException {
    HostRequirements.requireCommands("systemd-analyze");
    Path staged = stageUnitWithItsCommands();

    HostCommand.Result security =
        HostCommand.of("systemd-analyze", "security", "--offline=true", staged.toString()).succeeds();

    Matcher score = Pattern.compile("Overall exposure level for ecs\\.service: (\\d+\\.\\d)").matcher(security.stdout());
    assertThat(score.find()).as(security.stdout()).isTrue();
    assertThat(Double.parseDouble(score.group(1))).isLessThan(4.0);
  }

  @Test
  void startsAfterDockerAndTheNetwork() {
    assertThat(unit.words("Unit", "Wants")).contains("docker.service", "network-online.target");
    assertThat(unit.words("Unit", "After")).contains("docker.service", "network-online.target");
    assertThat(unit.value("Install", "WantedBy")).contains("multi-user.target");
  }

  @Test
  void readsTheConfigurationFileWhenPresent() {
    assertThat(unit.values("Service", "EnvironmentFile")).containsExactly("-/etc/ecs/ecs.config");
  }

  @Test
  void runsThePackagedRuntimeAndWaitsForRegistration() {
    assertThat(unit.value("Service", "Type")).contains("exec");
    assertThat(unit.value("Service", "ExecStart"))
        .contains(SystemdSources.INSTALL_DIR + "/runtime/bin/java -jar " + SystemdSources.INSTALL_DIR + "/ecs-agent.jar");
    assertThat(unit.values("Service", "ExecStartPost")).containsExactly(SystemdSources.INSTALL_DIR + "/ecs-agent-ready");
    assertThat(unit.value("Service", "TimeoutStartSec")).isPresent();
  }

  @Test
  void restartsOnFailureWithinALimitButNotAfterBadConfiguration() {
    assertThat(unit.value("Service", "Restart")).contains("on-failure");
    assertThat(unit.value("Service", "RestartSec")).contains("10s");
    assertThat(unit.value("Service", "RestartPreventExitStatus")).contains("5");
    assertThat(unit.value("Unit", "StartLimitBurst")).contains("5");
    assertThat(unit.value("Unit", "StartLimitIntervalSec")).contains("10min");
    assertThat(unit.value("Service", "SuccessExitStatus")).contains("143");
  }

  @Test
  void setsTheHostUpBeforeStartAndCleansUpAfterStopWithFullPrivileges() {
    assertThat(unit.values("Service", "ExecStartPre")).containsExactly("+" + SystemdSources.INSTALL_DIR + "/ecs-agent-host pre-start");
    assertThat(unit.values("Service", "ExecStopPost")).containsExactly("+" + SystemdSources.INSTALL_DIR + "/ecs-agent-host post-stop");
    assertThat(unit.value("Service", "RuntimeDirectory")).contains("ecs-agent");
    assertThat(unit.value("Service", "RuntimeDirectoryPreserve")).contains("yes");
  }

  @Test
  void logsToTheJournal() {
    assertThat(unit.value("Service", "StandardOutput")).contains("journal");
    assertThat(unit.value("Service", "StandardError")).contains("journal");
    assertThat(unit.value("Service", "SyslogIdentifier")).contains("ecs-agent");
  }

  @Test
  void hardeningStillLetsTheAgentReachDockerAndIptables() {
    assertThat(unit.words("Service", "CapabilityBoundingSet")).containsExactlyInAnyOrder("CAP_NET_ADMIN", "CAP_NET_RAW");
    assertThat(unit.words("Service", "RestrictAddressFamilies")).contains("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
    assertThat(unit.value("Service", "PrivateNetwork")).isEmpty();
    assertThat(unit.value("Service", "User")).isEmpty();
    assertThat(unit.value("Service", "ProtectSystem")).contains("full"); // /run (Docker socket) and /var stay writable
    assertThat(unit.value("Service", "MemoryDenyWriteExecute")).as("the JIT needs W+X memory").isEmpty();
    assertThat(unit.value("Service", "NoNewPrivileges")).contains("yes");
    assertThat(unit.value("Service", "SystemCallErrorNumber")).as("a filtered call must not kill the JVM").contains("EPERM");
  }

  /** A copy of the unit whose commands point at the real helpers and a stub java, under {@link #stage}. */
  private Path stageUnitWithItsCommands() throws IOException {
    Path installDir = stage.resolve(SystemdSources.INSTALL_DIR.substring(1));
    Files.createDirectories(installDir.resolve("runtime/bin"));
    for (Path script : List.of(SystemdSources.hostScript(), SystemdSources.readinessProbe())) {
      Path copy = Files.copy(script, installDir.resolve(script.getFileName()));
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path java = Files.writeString(installDir.resolve("runtime/bin/java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path staged = stage.resolve("ecs.service");
    Files.writeString(staged, Files.readString(SystemdSources.unit()).replace(SystemdSources.INSTALL_DIR, installDir.toString()));
    return staged;
  }
}
