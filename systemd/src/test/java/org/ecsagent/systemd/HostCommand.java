package org.ecsagent.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command to completion and keeps what it printed, for tests of scripts, packages and
 * system tools. Output goes through files, so a chatty command can never block on a full pipe.
 */
public final class HostCommand {
  private final List<String> command;
  private final Map<String, String> environment;
  private final Duration timeout;

  private HostCommand(List<String> command, Map<String, String> environment, Duration timeout) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  public static HostCommand of(String... command) {
    return new HostCommand(List.of(command), Map.of(), Duration.ofMinutes(2));
  }

  /** A bash script, run with {@code bash -euo pipefail -c}. */
  public static HostCommand bash(String script) {
    return of("bash", "-euo", "pipefail", "-c", script);
  }

  /** Adds variables to the inherited environment. */
  public HostCommand withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new java.util.HashMap<>(environment);
    merged.putAll(variables);
    return new HostCommand(command, merged, timeout);
  }

  public HostCommand withTimeout(Duration timeout) {
    return new HostCommand(command, environment, timeout);
  }

  public Result run() {
    try {
      Path out = Files.createTempFile("host-command", ".out");
      Path err = Files.createTempFile("host-command", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        Process process = pb.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(this + " did not finish within " + timeout + "; stderr:\n" + Files.readString(err));
        }
        return new Result(this, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + this, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + this, e);
    }
  }

  /** Runs the command and fails the test, showing its output, unless it exits 0. */
  public Result succeeds() {
    Result result = run();
    if (result.exitCode() != 0) {
      throw new AssertionError(result.describe());
    }
    return result;
  }

  @Override
  public String toString() {
    List<String> shown = new ArrayList<>(command);
    if (shown.size() > 4 && shown.get(0).equals("bash")) {
      shown = List.of("bash", "-c", "<script>");
    }
    return "`" + String.join(" ", shown) + "`";
  }

  public record Result(HostCommand command, int exitCode, String stdout, String stderr) {
    public String describe() {
      return command + " exited " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
    }
  }
}
