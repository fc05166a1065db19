package org.ecsagent.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.config.ConfigException;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code java -jar ecs-agent.jar}: reads the configuration (environment over /etc/ecs/ecs.config),
 * starts the agent and runs until SIGTERM. Exit code 5 means "do not restart me" (bad
 * configuration), as with the original under systemd's RestartPreventExitStatus=5.
 */
public final class Main {
  static final int EXIT_TERMINAL_FAILURE = 5;
  static final int EXIT_FAILURE = 1;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    AgentConfig config;
    try {
      config = AgentConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("ecs-agent: invalid configuration:\n" + e.getMessage());
      System.exit(EXIT_TERMINAL_FAILURE);
      return;
    }
    applyLogging(config);
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("configuration: {}", config.describe());
    Agent agent;
    try {
      agent = Agent.start(config, DefaultCredentialsProvider.create(), Clock.systemUTC(),
          Agent.Options.defaults().withCrashPoints(CrashPoints.parse(System.getenv("ECS_AGENT_CRASH_AT"))));
    } catch (StateStoreException e) {
      // Restarting cannot fix an unreadable state file: exit 5 so systemd does not loop.
      log.error("agent cannot start: {}", e.getMessage());
      System.exit(EXIT_TERMINAL_FAILURE);
      return;
    } catch (RuntimeException e) {
      log.error("agent failed to start: {}", e.getMessage(), e);
      System.exit(EXIT_FAILURE);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }

  /** ECS_LOGLEVEL for the root logger; ECS_LOGFILE adds a file next to stdout (the journal). */
  private static void applyLogging(AgentConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.logLevel().logbackLevelName()));
    config.logFile().ifPresent(path -> {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0}: %msg%n");
      encoder.start();
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setContext(context);
      file.setName("ECS_LOGFILE");
      file.setFile(path.toString());
      file.setEncoder(encoder);
      file.start();
      root.addAppender(file);
    });
  }
}
