package org.ecsagent.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files this module's build made, and the facts the pom passed to the tests about them. */
final class BuiltPackages {
  static final String INSTALL_DIR = "/usr/lib/ecs-agent-java";
  static final Path TARGET = Path.of(property("packaging.targetDir"));
  static final String NAME = property("packaging.name");
  static final String PROJECT_VERSION = property("packaging.projectVersion");
  static final String DEB_ARCH = property("packaging.debArch");
  static final String RPM_ARCH = property("packaging.rpmArch");
  static final Path AGENT_JAR = Path.of(property("packaging.agentJar"));
  static final Path RUNTIME = TARGET.resolve("runtime");
  static final Path MODULE_DIR = TARGET.getParent();

  private BuiltPackages() {}

  static Path deb() {
    return single("*.deb");
  }

  static Path rpm() {
    return single("*.rpm");
  }

  /** The Debian version jdeb makes of the pom's: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0~snapshot}. */
  static String debVersion() {
    return PROJECT_VERSION.replace("-SNAPSHOT", "~snapshot").replace('-', '+');
  }

  /** The pom's version without {@code -SNAPSHOT}: the RPM version (the snapshot goes into the release). */
  static String rpmVersion() {
    return PROJECT_VERSION.replace("-SNAPSHOT", "");
  }

  private static Path single(String glob) {
    try (Stream<Path> files = Files.list(TARGET)) {
      List<Path> matches = files
          .filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .toList();
      if (matches.size() != 1) {
        throw new IllegalStateException("expected one " + glob + " in " + TARGET + ", found " + matches
            + " (run `./mvnw -pl packaging -am verify`; `clean` removes stale ones)");
      }
      return matches.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set: run these tests through Maven (failsafe)");
    }
    return value;
  }
}
