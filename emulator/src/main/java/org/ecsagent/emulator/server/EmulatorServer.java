package org.ecsagent.emulator.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ecsagent.protocol.acs.AcsCodec;

/**
 * The one port the emulator listens on, serving both the ECS JSON API and the ACS websocket.
 * Each connection's pipeline:
 *
 * <pre>
 *   HttpServerCodec → HttpObjectAggregator
 *     → ACS admission (refuses "/ws…" upgrades while the fault controls say so)
 *     → WebSocketServerProtocolHandler ("/ws…": upgrade, then pings and close frames)
 *     → WebSocketFrameAggregator → ACS frame handler   (websocket connections)
 *     → control handler                                 ("/_emulator/…": fault controls, logs)
 *     → ECS API handler                                 (every other request)
 * </pre>
 */
public final class EmulatorServer implements AutoCloseable {
  /** Request bodies are small JSON documents; RegisterTaskDefinition is the largest. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup(2);
  private final Channel channel;

  /**
   * The handlers the pipeline is made of.
   *
   * @param acsAdmission shared; decides whether an ACS upgrade may proceed
   * @param acsHandlers makes one ACS frame handler per connection
   * @param control shared; the {@code /_emulator/} routes
   * @param api shared; the ECS API
   */
  public record Handlers(ChannelHandler acsAdmission, Supplier<ChannelHandler> acsHandlers, ChannelHandler control,
      ChannelHandler api) {}

  private EmulatorServer(String host, int port, Handlers handlers) throws InterruptedException {
    WebSocketServerProtocolConfig websocket = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/ws")
        .checkStartsWith(true) // the agent's connection parameters follow in the query string
        .maxFramePayloadLength(AcsCodec.MAX_FRAME_CHARS)
        .build();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
            p.addLast(handlers.acsAdmission());
            p.addLast(new WebSocketServerProtocolHandler(websocket));
            p.addLast(new WebSocketFrameAggregator(AcsCodec.MAX_FRAME_CHARS));
            p.addLast(handlers.acsHandlers().get());
            p.addLast(handlers.control());
            p.addLast(handlers.api());
          }
        });
    ChannelFuture bound;
    try {
      bound = bootstrap.bind(host, port).await();
    } catch (InterruptedException e) {
      shutdownGroups();
      throw e;
    }
    if (!bound.isSuccess()) {
      shutdownGroups();
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage(),
          bound.cause());
    }
    this.channel = bound.channel();
  }

  /** Binds and starts serving. */
  public static EmulatorServer start(String host, int port, Handlers handlers) throws InterruptedException {
    return new EmulatorServer(host, port, handlers);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Blocks until the server is closed. */
  public void awaitClosed() throws InterruptedException {
    channel.closeFuture().sync();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdownGroups();
  }

  private void shutdownGroups() {
    var bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var workersDone = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    bossDone.syncUninterruptibly();
    workersDone.syncUninterruptibly();
  }
}
