package org.ecsagent.metadata.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.time.Duration;

/**
 * The pipeline of every accepted connection; read it top to bottom as the table of contents:
 *
 * <ol>
 *   <li>{@code codec}: HTTP/1.1 parsing with small limits; a request line or headers beyond
 *       them reach the router as a failed request, answered 414/431 and closed;</li>
 *   <li>{@code keepAlive}: keeps the connection open between requests unless the client or the
 *       response says otherwise;</li>
 *   <li>{@code aggregator}: one {@code FullHttpRequest} per request; bodies beyond the limit are
 *       answered 413 by the aggregator itself;</li>
 *   <li>{@code idle}: closes connections that send no complete request in time;</li>
 *   <li>{@code router}: finds the handler and writes its JSON response.</li>
 * </ol>
 */
final class EndpointPipeline extends ChannelInitializer<SocketChannel> {
  /** Request line: the longest real one is a v4 task stats path, far below this. */
  static final int MAX_INITIAL_LINE_BYTES = 4 * 1024;
  static final int MAX_HEADER_BYTES = 8 * 1024;
  /** Netty's default size of the content pieces the aggregator joins. */
  static final int MAX_CHUNK_BYTES = 8 * 1024;
  /** Today's routes take no body; the task-protection API (PUT) will take a small one. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final ChannelGroup connections;
  private final Duration idleTimeout;
  private final RoutingHandler router;

  EndpointPipeline(ChannelGroup connections, Duration idleTimeout, RoutingHandler router) {
    this.connections = connections;
    this.idleTimeout = idleTimeout;
    this.router = router;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    channel.pipeline()
        .addLast("codec", new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES))
        .addLast("keepAlive", new HttpServerKeepAliveHandler())
        .addLast("aggregator", new HttpObjectAggregator(MAX_BODY_BYTES))
        .addLast("idle", new IdleConnectionCloser(idleTimeout))
        .addLast("router", router);
  }
}
