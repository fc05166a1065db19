package org.ecsagent.systemd;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the unit and its helpers live in the source tree (tests run with the module as working directory). */
public final class SystemdSources {
  /** The directory the packages install the agent, its runtime and the helpers into. */
  public static final String INSTALL_DIR = "/usr/lib/ecs-agent-java";

  private SystemdSources() {}

  /** The systemd module's directory, from this module or a sibling one. */
  public static Path moduleDir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {here, here.resolveSibling("systemd")}) {
      if (Files.isRegularFile(candidate.resolve("src/main/unit/ecs.service"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find the systemd module from " + here);
  }

  public static Path unit() {
    return moduleDir().resolve("src/main/unit/ecs.service");
  }

  public static Path hostScript() {
    return moduleDir().resolve("src/main/libexec/ecs-agent-host");
  }

  public static Path readinessProbe() {
    return moduleDir().resolve("src/main/libexec/ecs-agent-ready");
  }
}
