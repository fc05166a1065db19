package org.ecsagent.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecsagent.systemd.HostCommand;
import org.ecsagent.systemd.HostRequirements;

/**
 * The package on this host, for the tests that install it for real. They start only from a host
 * without it and without anything at the places it owns (a test purges the package at the end,
 * which deletes /var/lib/ecs and /etc/ecs: nobody else's files may be there), and leave it so.
 */
final class HostInstallation {
  static final Path CONFIG = Path.of("/etc/ecs/ecs.config");
  static final Path STATE_DIR = Path.of("/var/lib/ecs");
  static final Path LOG_DIR = Path.of("/var/log/ecs");
  static final Path UNIT = Path.of("/lib/systemd/system/ecs.service");
  static final Path ENABLED_LINK = Path.of("/etc/systemd/system/multi-user.target.wants/ecs.service");
  static final Path MASK_LINK = Path.of("/etc/systemd/system/ecs.service");

  private HostInstallation() {}

  /** Skips (developer machine) or fails (CI) unless this host can take the package and give it back. */
  static void requireCleanHost(String... commands) {
    HostRequirements.requireRoot();
    HostRequirements.requireCommands("dpkg", "dpkg-query", "deb-systemd-helper");
    HostRequirements.requireCommands(commands);
    HostRequirements.require(status().isEmpty(),
        BuiltPackages.NAME + " is already on this host (" + status() + "); `dpkg -P " + BuiltPackages.NAME + "` first");
    for (Path path : List.of(Path.of("/etc/ecs"), STATE_DIR, LOG_DIR, MASK_LINK, ENABLED_LINK)) {
      HostRequirements.require(!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS),
          path + " exists on this host, and purging the package would delete it");
    }
  }

  /** dpkg's status of the package ("install ok installed", "deinstall ok config-files"), or "" if unknown. */
  static String status() {
    HostCommand.Result r = HostCommand.of("dpkg-query", "-W", "-f", "${db:Status-Abbrev}|${Status}", BuiltPackages.NAME).run();
    if (r.exitCode() != 0 || r.stdout().startsWith("un")) {
      return "";
    }
    return r.stdout().substring(r.stdout().indexOf('|') + 1).strip();
  }

  /** Purges the package if any trace of it is left (installed or config-files). */
  static void purge() {
    if (!status().isEmpty()) {
      HostCommand.of("dpkg", "--purge", BuiltPackages.NAME).succeeds();
    }
  }
}
