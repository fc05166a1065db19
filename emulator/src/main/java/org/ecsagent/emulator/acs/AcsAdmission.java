package org.ecsagent.emulator.acs;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits before the websocket upgrade handler and turns ACS upgrade requests away with
 * {@code 503 Service Unavailable} while the fault controls refuse connections, as an unavailable
 * control plane would; every other request passes through.
 */
@Sharable
final class AcsAdmission extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AcsAdmission.class);

  private final AcsConditions conditions;
  private final Clock clock;

  AcsAdmission(AcsConditions conditions, Clock clock) {
    this.conditions = conditions;
    this.clock = clock;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && request.uri().startsWith("/ws") && conditions.refusing(clock.instant())) {
      ReferenceCountUtil.release(msg);
      log.info("refusing ACS connection from {} (fault control)", ctx.channel().remoteAddress());
      byte[] body = "ACS is refusing connections (emulator fault control)".getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
          .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
