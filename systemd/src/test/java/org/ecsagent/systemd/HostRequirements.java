package org.ecsagent.systemd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Preconditions of tests that need root or host tools (dpkg, rpm, iptables, unshare,
 * systemd-analyze). On a developer machine that lacks one, the test is skipped with a message
 * saying what is missing; with {@code CI=true} it fails instead, because CI ({@code .ci/run})
 * installs everything and a silent skip would hide a broken set-up.
 */
public final class HostRequirements {
  private HostRequirements() {}

  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static void requireRoot() {
    require(isRoot(), "this test needs root (it changes the host: packages, netfilter, /etc)");
  }

  /** Requires each command on PATH (or /usr/sbin, /sbin, which a non-root PATH may lack). */
  public static void requireCommands(String... names) {
    for (String name : names) {
      require(which(name).isPresent(), "this test needs the command `" + name + "`, which is not installed");
    }
  }

  public static void require(boolean met, String what) {
    if (met) {
      return;
    }
    if (onCi()) {
      throw new AssertionError("CI=true, but " + what + ": .ci/run must provide it");
    }
    throw new TestAbortedException("skipped: " + what + " (CI fails here instead of skipping)");
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  public static Optional<Path> which(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    return Arrays.stream(path.split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
