package org.ecsagent.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ecs-emulator.jar [--host 127.0.0.1] [--port 8765] [--region us-east-1]
 * [--heartbeat-seconds 30]}: runs the emulator until the process is stopped.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  static final String USAGE = """
      usage: java -jar ecs-emulator.jar [options]
        --host <address>           address to listen on (default 127.0.0.1)
        --port <port>              port for the ECS API and ACS; 0 picks a free one (default 8765)
        --region <region>          region used in ARNs (default us-east-1)
        --heartbeat-seconds <n>    seconds between ACS heartbeats (default 30)
        --help                     show this help""";

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(USAGE);
      return;
    }
    // JDK 24+ warns on every start when Netty uses sun.misc.Unsafe (JEP 498); a local emulator gains
    // nothing from it, so unless the user chose otherwise, Netty does without.
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
    Emulator emulator;
    try {
      emulator = Emulator.start(options);
    } catch (IllegalStateException e) {
      log.error("emulator could not start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    String url = emulator.endpoint().toString();
    log.info("emulator listening on {}", url);
    log.info("try it: AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=any aws --endpoint-url {} --region {} ecs list-clusters",
        url, options.region());
    log.info("point an agent at it with ECS_BACKEND_HOST={}", url);
    emulator.awaitClosed();
    stopped.await();
  }

  /** The options the arguments ask for, or null if they ask for help. */
  static EmulatorOptions parse(String[] args) {
    EmulatorOptions options = EmulatorOptions.defaults();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[++i];
      options = switch (flag) {
        case "--host" -> options.withHost(value);
        case "--port" -> options.withPort(number(flag, value));
        case "--region" -> options.withRegion(value);
        case "--heartbeat-seconds" -> options.withHeartbeatInterval(Duration.ofSeconds(number(flag, value)));
        default -> throw new IllegalArgumentException("unknown option " + flag);
      };
    }
    return options;
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, not " + value);
    }
  }
}
