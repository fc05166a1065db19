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
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ecsagent.metadata.server.RouteTable.Match;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the pipeline: turns an aggregated request into a {@link Request}, finds
 * its route, runs the handler on the event loop and writes the {@link Response}.
 *
 * <p>With a {@link RateLimit}, a matched request first spends a token of its route set's
 * {@linkplain Routes#rateLimitKey key} (its task), anything else a token of the shared key; none
 * left is a 429 and the handler is not run.
 *
 * <p>Most handlers answer at once. An {@link AsyncHandler}'s answer is written when it is ready;
 * until then the connection reads nothing more and requests already read wait in a queue, so
 * responses go out in request order as HTTP/1.1 requires
 * (<a href="https://www.rfc-editor.org/rfc/rfc9112#section-9.3.2">RFC 9112, 9.3.2</a>).
 *
 * <p>Every answer is JSON, including the server's own errors (400, 404, 405, 429, 431, 500, 503),
 * and no error body ever carries a stack trace. The access log names the route pattern, not the
 * path, because some paths (credentials) carry bearer IDs.
 */
@Sharable
final class RoutingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

  static final String TOO_MANY_REQUESTS = "You have reached maximum request limit.";
  /** Set while an asynchronous answer is outstanding on the connection; see {@link IdleConnectionCloser}. */
  static final AttributeKey<Boolean> ANSWER_PENDING = AttributeKey.valueOf("answerPending");
  private static final AttributeKey<ArrayDeque<FullHttpRequest>> WAITING = AttributeKey.valueOf("waitingRequests");

  private final String serverName;
  private final RouteTable routes;
  private final RequestThrottle throttle;
  private final Duration asyncTimeout;

  RoutingHandler(String serverName, RouteTable routes, RequestThrottle throttle, Duration asyncTimeout) {
    this.serverName = serverName;
    this.routes = routes;
    this.throttle = throttle;
    this.asyncTimeout = asyncTimeout;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (isAnswerPending(ctx)) {
      ctx.channel().attr(WAITING).setIfAbsent(new ArrayDeque<>());
      ctx.channel().attr(WAITING).get().add(request.retain()); // answered in turn by answerWaiting
      return;
    }
    handle(ctx, request);
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    DecoderResult decoding = request.decoderResult();
    if (!decoding.isSuccess()) {
      // The codec stops parsing after a bad message, so the connection cannot be reused.
      write(ctx, decodingFailure(decoding.cause()).withHeader("Connection", "close"));
      log.debug("{}: rejected undecodable request: {}", serverName, decoding.cause().toString());
      return;
    }
    CompletableFuture<Response> answer = respond(request, remoteAddress(ctx)).toCompletableFuture();
    if (answer.isDone()) {
      write(ctx, answer.join()); // respond() never completes exceptionally
      return;
    }
    awaitAnswer(ctx, answer);
  }

  /** Holds the connection until the answer is written; a late answer becomes a 503. */
  private void awaitAnswer(ChannelHandlerContext ctx, CompletableFuture<Response> answer) {
    ctx.channel().attr(ANSWER_PENDING).set(true);
    ctx.channel().config().setAutoRead(false);
    ScheduledFuture<?> deadline = ctx.executor().schedule(
        () -> answer.complete(tooSlow()), asyncTimeout.toNanos(), TimeUnit.NANOSECONDS);
    answer.whenComplete((response, never) -> ctx.executor().execute(() -> {
      deadline.cancel(false);
      ctx.channel().attr(ANSWER_PENDING).set(false);
      write(ctx, response);
      ctx.channel().config().setAutoRead(true);
      answerWaiting(ctx);
    }));
  }

  private void answerWaiting(ChannelHandlerContext ctx) {
    ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).get();
    while (waiting != null && !waiting.isEmpty() && !isAnswerPending(ctx) && ctx.channel().isActive()) {
      FullHttpRequest next = waiting.poll();
      try {
        handle(ctx, next);
      } finally {
        next.release();
      }
    }
  }

  private static boolean isAnswerPending(ChannelHandlerContext ctx) {
    return Boolean.TRUE.equals(ctx.channel().attr(ANSWER_PENDING).get());
  }

  private CompletionStage<Response> respond(FullHttpRequest request, InetSocketAddress remote) {
    String method = request.method().name();
    RequestTarget target;
    try {
      target = RequestTarget.parse(request.uri());
    } catch (IllegalArgumentException e) {
      return now(logged(method, "(bad request target)", Response.error(400, "BadRequest", "Malformed request target")));
    }
    return switch (routes.match(method, target.segments())) {
      case Match.Found found -> {
        Request routed = new Request(method, target.path(), target.queryParameters(), found.pathParameters(), remote);
        String route = found.route().pattern().text();
        if (!throttle.tryAcquire(rateLimitKey(found, routed))) {
          yield now(logged(method, route, tooManyRequests()));
        }
        yield invoke(found, routed).thenApply(response -> logged(method, route, response));
      }
      case Match.WrongMethod wrong -> now(logged(method, "(wrong method)", throttledOr(
          Response.error(405, "MethodNotAllowed", "Method not allowed")
              .withHeader("Allow", String.join(", ", wrong.allowed())))));
      case Match.NotFound notFound -> now(logged(method, "(no route)", throttledOr(
          Response.error(404, "NotFound", "No such endpoint"))));
    };
  }

  /** The handler's answer; never fails: a thrown exception, a failed stage or no response is a 500. */
  private CompletionStage<Response> invoke(Match.Found found, Request request) {
    String route = found.route().pattern().text();
    CompletionStage<Response> answer;
    try {
      answer = found.route().handler().handle(request);
    } catch (Exception e) {
      return now(failed(request, route, e));
    }
    if (answer == null) {
      return now(failed(request, route, new IllegalStateException("handler returned no stage")));
    }
    return answer.handle((response, error) -> {
      if (error != null) {
        return failed(request, route, error);
      }
      return response != null
          ? response
          : failed(request, route, new IllegalStateException("handler returned no response"));
    });
  }

  private Response failed(Request request, String route, Throwable error) {
    log.error("{}: handler for {} {} failed", serverName, request.method(), route, error);
    return internalError();
  }

  /** The task whose allowance this request spends, or the shared key; a failing lookup is the shared key. */
  private String rateLimitKey(Match.Found found, Request request) {
    try {
      return found.route().owner().rateLimitKey(request).orElse(RequestThrottle.GLOBAL_KEY);
    } catch (RuntimeException e) {
      log.warn("{}: rate-limit key lookup for {} failed", serverName, found.route().pattern().text(), e);
      return RequestThrottle.GLOBAL_KEY;
    }
  }

  /** Requests that match no route still count, against the shared allowance, as in the original. */
  private Response throttledOr(Response response) {
    return throttle.tryAcquire(RequestThrottle.GLOBAL_KEY) ? response : tooManyRequests();
  }

  /** tollbooth's message, in our JSON error shape; a second is when a token is surely back. */
  private static Response tooManyRequests() {
    return Response.error(429, "TooManyRequests", TOO_MANY_REQUESTS).withHeader("Retry-After", "1");
  }

  private Response tooSlow() {
    log.warn("{}: an answer took longer than {} ms; answered 503", serverName, asyncTimeout.toMillis());
    return Response.error(503, "ServiceUnavailable", "The answer took too long; try again");
  }

  private Response logged(String method, String route, Response response) {
    log.debug("{}: {} {} -> {}", serverName, method, route, response.status());
    return response;
  }

  private static CompletionStage<Response> now(Response response) {
    return CompletableFuture.completedFuture(response);
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

  /** Requests still waiting when the connection goes are dropped with it. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).getAndSet(null);
    if (waiting != null) {
      waiting.forEach(FullHttpRequest::release);
    }
    super.channelInactive(ctx);
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
