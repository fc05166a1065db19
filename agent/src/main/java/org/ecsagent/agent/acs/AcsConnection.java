package org.ecsagent.agent.acs;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProtocols;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.ecsagent.protocol.acs.AcsCodec;

/**
 * One ACS websocket connection. The pipeline is the table of contents:
 *
 * <pre>
 *   [TLS, for wss] → HttpClientCodec → HttpObjectAggregator → WebSocketClientProtocolHandler
 *     (upgrade with the signed headers; answers pings and close frames)
 *   → WebSocketFrameAggregator → FrameHandler (text frames to the session)
 * </pre>
 *
 * TLS is verified against the JDK trust store (TLS 1.2+); plain ws is for the loopback emulator.
 */
final class AcsConnection {
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

  private final Channel channel;

  private AcsConnection(Channel channel) {
    this.channel = channel;
  }

  /**
   * Connects and completes once the websocket handshake succeeded. {@code onText} gets every
   * text frame on the event loop; {@code onClosed} runs once when the connection ends.
   */
  static CompletableFuture<AcsConnection> open(EventLoopGroup group, URI uri, Map<String, String> headers,
      Consumer<String> onText, Runnable onClosed) {
    CompletableFuture<AcsConnection> opened = new CompletableFuture<>();
    boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    SslContext ssl;
    try {
      ssl = tls ? SslContextBuilder.forClient().protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2).build() : null;
    } catch (SSLException e) {
      opened.completeExceptionally(e);
      return opened;
    }
    HttpHeaders upgradeHeaders = new DefaultHttpHeaders();
    headers.forEach(upgradeHeaders::add);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .customHeaders(upgradeHeaders)
        .maxFramePayloadLength(AcsCodec.MAX_FRAME_CHARS)
        .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
        .build();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, HANDSHAKE_TIMEOUT_MILLIS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) {
              p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
            }
            p.addLast(new HttpClientCodec());
            p.addLast(new HttpObjectAggregator(64 * 1024));
            p.addLast(new WebSocketClientProtocolHandler(config));
            p.addLast(new WebSocketFrameAggregator(AcsCodec.MAX_FRAME_CHARS));
            p.addLast(new FrameHandler(opened, onText, onClosed));
          }
        });
    bootstrap.connect(uri.getHost(), port).addListener(f -> {
      if (!f.isSuccess()) {
        opened.completeExceptionally(f.cause());
      }
    });
    return opened;
  }

  void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  void close() {
    channel.close();
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /** Hands text frames to the session and reports the handshake outcome and the end of the connection. */
  private static final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final CompletableFuture<AcsConnection> opened;
    private final Consumer<String> onText;
    private final Runnable onClosed;

    FrameHandler(CompletableFuture<AcsConnection> opened, Consumer<String> onText, Runnable onClosed) {
      this.opened = opened;
      this.onText = onText;
      this.onClosed = onClosed;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        opened.complete(new AcsConnection(ctx.channel()));
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new IllegalStateException("websocket handshake timed out"));
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text) {
        onText.accept(text.text());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      opened.completeExceptionally(new IllegalStateException("connection closed before the websocket opened"));
      onClosed.run();
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      opened.completeExceptionally(cause);
      ctx.close();
    }
  }
}
