package org.ecsagent.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent as operators run it: {@code java -jar agent/target/ecs-agent.jar} in its own process,
 * so a test can kill it as hard as a crash does. Output goes to a log file for post-mortems.
 */
final class AgentProcess implements AutoCloseable {
  static final Path JAR = Path.of("..", "agent", "target", "ecs-agent.jar").toAbsolutePath().normalize();

  private final Process process;
  final Path log;

  private AgentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static AgentProcess start(URI backend, String cluster, Path dataDir, Path logDir, String name,
      Map<String, String> extraEnv) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the build (./mvnw package) first");
    }
    Files.createDirectories(logDir);
    Path emptyConfig = Files.createTempFile(logDir, "ecs", ".config");
    Path log = logDir.resolve(name + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("ECS_") || k.startsWith("AWS_"));
    env.put("ECS_CONFIG_FILE", emptyConfig.toString());
    env.put("ECS_CLUSTER", cluster);
    env.put("ECS_BACKEND_HOST", backend.toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "local-test-secret");
    env.put("ECS_DATADIR", dataDir.toString());
    env.put("ECS_IMAGE_PULL_BEHAVIOR", "prefer-cached");
    env.put("ECS_CONTAINER_STOP_TIMEOUT", "2s");
    env.put("ECS_AGENT_INTROSPECTION_PORT", "0");
    env.put("ECS_AGENT_ENDPOINT_PORT", "0");
    env.put("ECS_AGENT_METRICS_PORT", "0");
    env.putAll(extraEnv);
    return new AgentProcess(pb.start(), log);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself (a crash point halts it); returns its exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("agent did not exit within " + seconds + " s; log: " + log);
    }
    return process.exitValue();
  }

  /** SIGKILL, like kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
