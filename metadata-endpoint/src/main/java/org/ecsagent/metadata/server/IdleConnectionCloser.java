package org.ecsagent.metadata.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on which no complete request arrived for the timeout.
 *
 * <p>It sits after the aggregator, so it only sees whole requests: a client that trickles a
 * request's bytes (slowloris) is closed as surely as one that sends nothing. That matches the
 * original's 5 s read timeout (Go's {@code http.Server.ReadTimeout}, which also bounds idle
 * keep-alive connections when no separate idle timeout is set). A connection waiting for an
 * asynchronous answer is not idle: the wait is bounded by the server's async timeout instead.
 */
final class IdleConnectionCloser extends IdleStateHandler {

  IdleConnectionCloser(Duration timeout) {
    super(timeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    if (!Boolean.TRUE.equals(ctx.channel().attr(RoutingHandler.ANSWER_PENDING).get())) {
      ctx.close();
    }
  }
}
