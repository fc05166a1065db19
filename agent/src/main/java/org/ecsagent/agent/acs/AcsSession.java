package org.ecsagent.agent.acs;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.ecsagent.agent.controlplane.ControlPlane;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.protocol.acs.AcsCodec;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Keeps one ACS websocket session open for this container instance: discovers the endpoint,
 * connects with a SigV4-signed upgrade, hands messages to the {@link AcsMessageHandler}, and
 * reconnects with jittered exponential backoff (250 ms → 2 min, ×1.5, as the original) whenever
 * the connection fails, closes, or stays silent longer than the heartbeat window (1 min plus up
 * to 1 min of jitter). A connection is also closed and reopened after a random lifetime of 15 to
 * 45 minutes, so a stale connection through a proxy cannot linger.
 */
public final class AcsSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AcsSession.class);
  /** Timings; tests shorten them. */
  public record Timing(Duration heartbeatWindow, Duration minLifetime, Duration maxLifetime) {
    public static Timing defaults() {
      return new Timing(Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofMinutes(45));
    }
  }

  /** Who this agent is, for the connection URL. */
  public record Identity(String cluster, String containerInstanceArn, String agentVersion, String agentHash,
      String dockerVersion) {}

  private final Identity identity;
  private final ControlPlane controlPlane;
  private final RequestSigner signer;
  private final AcsMessageHandler handler;
  private final EventLoopGroup eventLoop;
  private final ScheduledExecutorService scheduler;
  private final RandomGenerator random;
  private final AcsCodec codec = new AcsCodec();
  private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(250, 1.5, 0.2, 120_000);

  private final Object lock = new Object();
  private AcsConnection current; // guarded by lock
  private ScheduledFuture<?> inactivityTimer; // guarded by lock
  private ScheduledFuture<?> lifetimeTimer; // guarded by lock
  private Duration reconnectOverride; // guarded by lock: set when the control plane says how long to wait
  private int failedAttempts; // guarded by lock
  private boolean firstConnection = true; // guarded by lock
  private volatile boolean closed;

  private final Timing timing;
  private final Counter connects;
  private final Counter messages;
  private final Counter malformed;

  public AcsSession(Identity identity, ControlPlane controlPlane, AwsCredentialsProvider credentials, String region,
      TaskEngine engine, EventLoopGroup eventLoop, ScheduledExecutorService scheduler,
      RandomGenerator random, CrashPoints crashPoints, Timing timing, MetricRegistry metrics) {
    this.identity = identity;
    this.timing = timing;
    this.controlPlane = controlPlane;
    this.signer = new RequestSigner(credentials, region);
    this.handler = new AcsMessageHandler(engine, identity.cluster(), identity.containerInstanceArn(), crashPoints);
    this.eventLoop = eventLoop;
    this.scheduler = scheduler;
    this.random = random;
    this.connects = metrics.counter("acs.connects");
    this.messages = metrics.counter("acs.messages");
    this.malformed = metrics.counter("acs.messages.malformed");
    metrics.gauge("acs.connected", () -> () -> isConnected() ? 1 : 0);
  }

  public void start() {
    scheduler.execute(this::connect);
  }

  public boolean isConnected() {
    synchronized (lock) {
      return current != null && current.isOpen();
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    AtomicBoolean attemptEnded = new AtomicBoolean();
    try {
      URI endpoint = controlPlane.discoverPollEndpoint(identity.cluster(), identity.containerInstanceArn());
      boolean sendCredentials;
      synchronized (lock) {
        sendCredentials = firstConnection;
      }
      URI uri = AcsUrl.build(endpoint, identity.cluster(), identity.containerInstanceArn(), identity.agentVersion(),
          identity.agentHash(), identity.dockerVersion(), sendCredentials, 1);
      log.info("connecting to ACS at {}", endpoint);
      AcsConnection.open(eventLoop, uri, signer.signedHeaders(uri), this::onText,
              () -> connectionEnded(attemptEnded, "connection closed"))
          .whenComplete((connection, error) -> {
            if (error != null) {
              connectionEnded(attemptEnded, "connect failed: " + error.getMessage());
            } else {
              onConnected(connection);
            }
          });
    } catch (RuntimeException e) {
      connectionEnded(attemptEnded, e.getMessage());
    }
  }

  private void onConnected(AcsConnection connection) {
    synchronized (lock) {
      if (closed) {
        connection.close();
        return;
      }
      current = connection;
      failedAttempts = 0;
      firstConnection = false;
      resetInactivityTimer();
      long lifetime = timing.minLifetime().toMillis()
          + random.nextLong(Math.max(1, timing.maxLifetime().minus(timing.minLifetime()).toMillis()));
      lifetimeTimer = scheduler.schedule(() -> {
        log.info("ACS connection reached its lifetime of {} s; reconnecting", lifetime / 1000);
        closeCurrent(connection, Duration.ZERO);
      }, lifetime, TimeUnit.MILLISECONDS);
    }
    connects.inc();
    log.info("ACS session open for {}", identity.containerInstanceArn());
  }

  private void connectionEnded(AtomicBoolean attemptEnded, String why) {
    if (!attemptEnded.compareAndSet(false, true) || closed) {
      return;
    }
    long delay;
    synchronized (lock) {
      current = null;
      cancelTimers();
      if (reconnectOverride != null) {
        delay = reconnectOverride.toMillis();
        reconnectOverride = null;
      } else {
        failedAttempts++;
        delay = backoff.apply(failedAttempts);
      }
    }
    log.warn("ACS session ended ({}); reconnecting in {} ms", why, delay);
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void onText(String text) {
    messages.inc();
    AcsConnection connection;
    synchronized (lock) {
      resetInactivityTimer();
      connection = current;
    }
    AcsMessage message;
    try {
      message = codec.decode(text);
    } catch (AcsProtocolException e) {
      malformed.inc();
      log.warn("dropping malformed ACS frame: {}", e.getMessage());
      return;
    }
    if (connection == null) {
      return; // a frame raced the handshake completion; the control plane will resend
    }
    handler.handle(message, new AcsMessageHandler.Connection() {
      @Override
      public void send(AcsMessage reply) {
        connection.send(codec.encode(reply));
      }

      @Override
      public void close(String why, Duration reconnectAfter) {
        log.info("closing ACS connection: {}", why);
        closeCurrent(connection, reconnectAfter);
      }
    });
  }

  /** Closes a connection; a null delay means the usual backoff, zero an immediate reconnect. */
  private void closeCurrent(AcsConnection connection, Duration reconnectAfter) {
    synchronized (lock) {
      if (reconnectAfter != null) {
        reconnectOverride = reconnectAfter;
      }
    }
    connection.close();
  }

  private void cancelTimers() {
    if (inactivityTimer != null) {
      inactivityTimer.cancel(false);
    }
    if (lifetimeTimer != null) {
      lifetimeTimer.cancel(false);
    }
  }

  /** Any inbound message proves the connection alive; silence past the window means it is not. */
  private void resetInactivityTimer() {
    if (inactivityTimer != null) {
      inactivityTimer.cancel(false);
    }
    long window = timing.heartbeatWindow().toMillis();
    long windowMillis = window + random.nextLong(window);
    AcsConnection watched = current;
    inactivityTimer = scheduler.schedule(() -> {
      log.warn("no ACS message for {} ms; reconnecting", windowMillis);
      if (watched != null) {
        watched.close();
      }
    }, windowMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      cancelTimers();
      if (current != null) {
        current.close();
      }
    }
  }
}
