package org.ecsagent.metadata.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.ecsagent.metadata.server.RouteTable.Match;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the pipeline: turns an aggregated request into a {@link Request}, finds
 * its route, runs the handler on the event loop and writes the {@link Response}.
 *
 * <p>Every answer is JSON, including the server's own errors (400, 404, 405, 431, 500), and no
 * error body ever carries a stack trace. The access log names the route pattern, not the path,
 * because some paths (credentials) carry bearer IDs.
 */
@Sharable
final class RoutingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

  private final String serverName;
  private final RouteTable routes;

  RoutingHandler(String serverName, RouteTable routes) {
    this.serverName = serverName;
    this.routes = routes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    DecoderResult decoding = request.decoderResult();
    if (!decoding.isSuccess()) {
      // The codec stops parsing after a bad message, so the connection cannot be reused.
      write(ctx, decodingFailure(decoding.cause()).withHeader("Connection", "close"));
      log.debug("{}: rejected undecodable request: {}", serverName, decoding.cause().toString());
      return;
    }
    write(ctx, respond(request, remoteAddress(ctx)));
  }

  private Response respond(FullHttpRequest request, InetSocketAddress remote) {
    String method = request.method().name();
    RequestTarget target;
    try {
      target = RequestTarget.parse(request.uri());
    } catch (IllegalArgumentException e) {
      return logged(method, "(bad request target)", Response.error(400, "BadRequest", "Malformed request target"));
    }
    return switch (routes.match(method, target.segments())) {
      case Match.Found found -> logged(method, found.route().pattern().text(), invoke(found, new Request(
          method, target.path(), target.queryParameters(), found.pathParameters(), remote)));
      case Match.WrongMethod wrong -> logged(method, "(wrong method)",
          Response.error(405, "MethodNotAllowed", "Method not allowed")
              .withHeader("Allow", String.join(", ", wrong.allowed())));
      case Match.NotFound notFound -> logged(method, "(no route)",
          Response.error(404, "NotFound", "No such endpoint"));
    };
  }

  private Response invoke(Match.Found found, Request request) {
    try {
      Response response = found.route().handler().handle(request);
      if (response == null) {
        throw new IllegalStateException("handler returned no response");
      }
      return response;
    } catch (Exception e) {
      log.error("{}: handler for {} {} failed", serverName, request.method(), found.route().pattern().text(), e);
      return internalError();
    }
  }

  private Response logged(String method, String route, Response response) {
    log.debug("{}: {} {} -> {}", serverName, method, route, response.status());
    return response;
  }

  private static Response decodingFailure(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      return Response.error(431, "RequestHeaderFieldsTooLarge", "Request headers too large");
    }
    if (cause instanceof TooLongHttpLineException) {
      return Response.error(414, "UriTooLong", "Request line too long");
    }
    return Response.error(400, "BadRequest", "Malformed HTTP request");
  }

  private static Response internalError() {
    return Response.error(500, "InternalServerError", "Internal server error");
  }

  private static void write(ChannelHandlerContext ctx, Response response) {
    byte[] body = response.body();
    FullHttpResponse http = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
    http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      http.headers().set(header.getKey(), header.getValue());
    }
    // A self-defined length lets HttpServerKeepAliveHandler keep the connection open.
    http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(http);
  }

  private static InetSocketAddress remoteAddress(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("{}: connection from {} failed: {}", serverName, ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("{}: closing connection from {} after an unexpected error", serverName, ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
