package org.ecsagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ecsagent.systemd.HostCommand;
import org.ecsagent.systemd.HostRequirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code packaging/ami/bake-ami.sh} on this host, as on an AMI builder: it installs the .deb,
 * enables ecs.service, and leaves none of the builder's agent state or logs behind. The machine
 * id is kept (--keep-machine-id): this host is not being imaged.
 */
class AmiBakeIT {
  private static final Path BAKE_SCRIPT = BuiltPackages.MODULE_DIR.resolve("ami/bake-ami.sh");

  @AfterEach
  void purge() {
    if (HostRequirements.isRoot()) {
      HostInstallation.purge();
    }
  }

  @Test
  void installsEnablesAndClearsTheBuildersInstanceState() throws Exception {
    HostInstallation.requireCleanHost("apt-get", "systemctl");
    // What a builder that ran the agent leaves: its registration and its logs.
    Path state = HostInstallation.STATE_DIR.resolve("data/state.db");
    Files.createDirectories(state.getParent());
    Files.writeString(state, "container-instance/builder");
    Files.createDirectories(HostInstallation.LOG_DIR);
    Files.writeString(HostInstallation.LOG_DIR.resolve("ecs-agent.log"), "registered as container-instance/builder");

    HostCommand.Result bake = HostCommand.of("bash", BAKE_SCRIPT.toString(), BuiltPackages.deb().toString(), "--keep-machine-id")
        .succeeds();

    assertThat(HostInstallation.status()).as(bake.describe()).isEqualTo("install ok installed");
    assertThat(Files.readSymbolicLink(HostInstallation.ENABLED_LINK)).isEqualTo(HostInstallation.UNIT);
    assertThat(state.getParent()).isDirectory();
    try (Stream<Path> left = Stream.concat(Files.list(state.getParent()), Files.list(HostInstallation.LOG_DIR))) {
      assertThat(left.toList()).as("agent state and logs left in the image").isEmpty();
    }
    assertThat(bake.stdout()).contains("bake-ami: done");
  }

  @Test
  void refusesToRunWithoutAPackage() {
    HostCommand.Result bake = HostCommand.of("bash", BAKE_SCRIPT.toString()).run();
    assertThat(bake.exitCode()).isEqualTo(2);
    assertThat(bake.stderr()).contains("usage:");
  }
}
