package org.ecsagent.metadata.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small local HTTP/1.1 server that answers JSON from in-memory lookups: the task metadata and
 * credentials endpoint (127.0.0.1:51679) and the introspection API (51678) are both one of these.
 * The pipeline of each connection is laid out in {@link EndpointPipeline}.
 *
 * <pre>{@code
 * try (EndpointServer server = EndpointServer.builder()
 *     .name("task-metadata")
 *     .port(51679)
 *     .rateLimit(RateLimit.TASK_METADATA_DEFAULT)
 *     .routes(new MetadataRoutes(source), new CredentialsRoutes(credentials))
 *     .build()
 *     .start()) {
 *   ... server.port() ...
 * }
 * }</pre>
 */
public final class EndpointServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EndpointServer.class);

  /** The original's read/write timeout for both servers. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
  /** The original's write timeout bounds its slowest handlers (the ECS calls of taskWithTags) too. */
  public static final Duration DEFAULT_ASYNC_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final InetSocketAddress requestedAddress;
  private final Duration idleTimeout;
  private final Duration asyncTimeout;
  private final RouteTable routes;
  private final RequestThrottle throttle;
  private final EventLoopGroup givenEventLoop;
  private EventLoopGroup ownEventLoop;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile Channel listener;
  private boolean closed;

  private EndpointServer(Builder builder) {
    this.name = builder.name;
    this.requestedAddress = new InetSocketAddress(builder.bindAddress, builder.port);
    this.idleTimeout = builder.idleTimeout;
    this.asyncTimeout = builder.asyncTimeout;
    this.routes = RouteTable.of(builder.routes);
    this.throttle = builder.rateLimit == null
        ? RequestThrottle.NONE
        : new RequestThrottle(builder.rateLimit, builder.ticker);
    this.givenEventLoop = builder.eventLoop;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts accepting; throws {@link IllegalStateException} if the address is taken. */
  public synchronized EndpointServer start() {
    if (listener != null || closed) {
      throw new IllegalStateException(name + " server already " + (closed ? "closed" : "started"));
    }
    ChannelFuture bound = new ServerBootstrap()
        .group(eventLoop())
        .channel(NioServerSocketChannel.class)
        .childHandler(new EndpointPipeline(
            connections, idleTimeout, new RoutingHandler(name, routes, throttle, asyncTimeout)))
        .bind(requestedAddress)
        .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IllegalStateException("cannot listen on " + requestedAddress + " for " + name, bound.cause());
    }
    listener = bound.channel();
    log.info("{} server listening on {}", name, listener.localAddress());
    return this;
  }

  /** The name given to the builder, as in logs and thread names. */
  public String name() {
    return name;
  }

  /** The bound port: the requested one, or the one the system chose when asked for port 0. */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    Channel bound = listener;
    if (bound == null) {
      throw new IllegalStateException(name + " server not started");
    }
    return (InetSocketAddress) bound.localAddress();
  }

  /** How many requests were answered 429 because their caller was over the {@link RateLimit}. */
  public long throttledRequests() {
    return throttle.rejected();
  }

  /** Stops accepting, closes open connections and, if this server made it, its event loop. */
  @Override
  public synchronized void close() {
    closed = true;
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    connections.close().awaitUninterruptibly();
    if (ownEventLoop != null) {
      ownEventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** One thread is plenty: handlers are in-memory lookups and answers are a few KiB. */
  private EventLoopGroup eventLoop() {
    if (givenEventLoop != null) {
      return givenEventLoop;
    }
    if (ownEventLoop == null) {
      ownEventLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("endpoint-" + name, true));
    }
    return ownEventLoop;
  }

  public static final class Builder {
    private String name = "http";
    private InetAddress bindAddress = loopback();
    private int port;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration asyncTimeout = DEFAULT_ASYNC_TIMEOUT;
    private final List<Routes> routes = new ArrayList<>();
    private EventLoopGroup eventLoop;
    private RateLimit rateLimit;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /** Names the server in logs and thread names, e.g. {@code task-metadata}, {@code introspection}. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name);
      return this;
    }

    /** Defaults to 127.0.0.1: these endpoints are for the host and its containers only. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress);
      return this;
    }

    /** 0 (the default) lets the system choose a free port; read it back with {@link #port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder routes(Routes... routeSets) {
      return routes(List.of(routeSets));
    }

    public Builder routes(List<Routes> routeSets) {
      this.routes.addAll(routeSets);
      return this;
    }

    /** How long a connection may go without a complete request; 5 s by default, as the original. */
    public Builder idleTimeout(Duration idleTimeout) {
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** How long an {@link AsyncHandler}'s answer may take before the server answers 503; 5 s by default. */
    public Builder asyncTimeout(Duration asyncTimeout) {
      if (asyncTimeout.isNegative() || asyncTimeout.isZero()) {
        throw new IllegalArgumentException("async timeout must be positive: " + asyncTimeout);
      }
      this.asyncTimeout = asyncTimeout;
      return this;
    }

    /**
     * Answers 429 to a caller over {@code limit}. Each request spends from the bucket its route set
     * names ({@link Routes#rateLimitKey}, a task), or from one shared bucket. Unlimited by default.
     */
    public Builder rateLimit(RateLimit limit) {
      this.rateLimit = Objects.requireNonNull(limit);
      return this;
    }

    /** The time source of the rate limit; {@link Ticker#system()} unless a test moves time itself. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker);
      return this;
    }

    /** Runs on the caller's event loop (which the caller shuts down) instead of a private one. */
    public Builder eventLoop(EventLoopGroup eventLoop) {
      this.eventLoop = Objects.requireNonNull(eventLoop);
      return this;
    }

    /** Checks the routes (bad or duplicate patterns throw here); no thread or socket until {@code start()}. */
    public EndpointServer build() {
      return new EndpointServer(this);
    }

    private static InetAddress loopback() {
      try {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      } catch (UnknownHostException e) {
        throw new AssertionError("a 4-byte address is always valid", e);
      }
    }
  }
}
