package org.ecsagent.emulator.acs;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.ecsagent.protocol.acs.AcsCodec;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of one ACS connection, after {@code WebSocketServerProtocolHandler} (which
 * does the upgrade, pings and close frames) and the frame aggregator: decodes text frames with
 * {@link AcsCodec} and hands the session's events to the {@link AcsController} on the state
 * thread. A malformed frame is logged and dropped; the session goes on.
 */
final class AcsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(AcsFrameHandler.class);

  private final AcsController controller;
  private final Executor stateThread;
  private final AcsCodec codec;
  private ChannelPeer peer; // set on the event loop at handshake, read only there

  AcsFrameHandler(AcsController controller, Executor stateThread, AcsCodec codec) {
    this.controller = controller;
    this.stateThread = stateThread;
    this.codec = codec;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete handshake) {
      peer = new ChannelPeer(ctx.channel(), codec);
      ChannelPeer connected = peer;
      Map<String, String> query = query(handshake.requestUri());
      onStateThread(ctx, () -> controller.connected(connected, query));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (peer == null) {
      return;
    }
    if (!(frame instanceof TextWebSocketFrame text)) {
      log.warn("dropping {} from {}: ACS speaks JSON text frames", frame.getClass().getSimpleName(), peer.address());
      return;
    }
    AcsMessage message;
    try {
      message = codec.decode(text.text());
    } catch (AcsProtocolException e) {
      log.warn("dropping malformed ACS frame from {}: {}", peer.address(), e.getMessage());
      return;
    }
    ChannelPeer from = peer;
    onStateThread(ctx, () -> controller.received(from, message));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (peer != null) {
      ChannelPeer gone = peer;
      onStateThread(ctx, () -> controller.disconnected(gone));
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("closing ACS connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void onStateThread(ChannelHandlerContext ctx, Runnable work) {
    try {
      stateThread.execute(work);
    } catch (RejectedExecutionException e) {
      ctx.close(); // shutting down
    }
  }

  /** The first value of each query parameter. */
  private static Map<String, String> query(String uri) {
    Map<String, String> query = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : new QueryStringDecoder(uri).parameters().entrySet()) {
      query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    return query;
  }

  /** An {@link AcsPeer} over a Netty channel; writes are thread-safe and keep their order. */
  private record ChannelPeer(Channel channel, AcsCodec codec) implements AcsPeer {
    @Override
    public void send(AcsMessage message) {
      channel.writeAndFlush(new TextWebSocketFrame(codec.encode(message)));
    }

    @Override
    public void close() {
      channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abort() {
      channel.close();
    }

    @Override
    public String address() {
      return String.valueOf(channel.remoteAddress());
    }
  }
}
