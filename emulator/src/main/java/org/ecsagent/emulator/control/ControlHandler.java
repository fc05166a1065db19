package org.ecsagent.emulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.ecsagent.emulator.faults.FaultControls;
import org.ecsagent.emulator.recording.StateChangeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the emulator's own control routes under {@code /_emulator/} (fault controls and the
 * received-state-change log, see {@link ControlRoutes}), just before the ECS API handler in the
 * HTTP pipeline; every other request passes on. The route runs on the state thread; the answer is
 * JSON, errors as {@code {"message": ...}}.
 */
@Sharable
public final class ControlHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ControlHandler.class);
  static final String PREFIX = "/_emulator/";

  private final ControlRoutes routes;
  private final Executor stateThread;
  private final ObjectMapper mapper;

  public ControlHandler(FaultControls faults, StateChangeLog stateChanges, Executor stateThread, ObjectMapper mapper) {
    this.routes = new ControlRoutes(faults, stateChanges);
    this.stateThread = stateThread;
    this.mapper = mapper;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !request.uri().startsWith(PREFIX)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      String method = request.method().name();
      String path = new QueryStringDecoder(request.uri()).path();
      JsonNode body;
      try {
        body = body(request.content().toString(StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, Map.of("message", e.getMessage()));
        return;
      }
      try {
        CompletableFuture.supplyAsync(() -> routes.handle(method, path, body), stateThread)
            .whenComplete((result, failure) -> {
              if (failure == null) {
                respond(ctx, keepAlive, HttpResponseStatus.OK, result);
              } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                respond(ctx, keepAlive, statusOf(cause), Map.of("message", String.valueOf(cause.getMessage())));
              }
            });
      } catch (RejectedExecutionException e) {
        respond(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("message", "the emulator is shutting down"));
      }
    } finally {
      request.release();
    }
  }

  private JsonNode body(String text) {
    if (text.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode body = mapper.readTree(text);
      if (body == null || !body.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot parse the body: " + e.getOriginalMessage());
    }
  }

  private static HttpResponseStatus statusOf(Throwable cause) {
    if (cause instanceof ControlRoutes.RouteNotFound) {
      return HttpResponseStatus.NOT_FOUND;
    }
    if (cause instanceof IllegalArgumentException) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    log.error("control route failed", cause);
    return HttpResponseStatus.INTERNAL_SERVER_ERROR;
  }

  private void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object result) {
    byte[] body;
    try {
      body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
    } catch (JsonProcessingException e) {
      body = ("{\"message\":\"cannot serialize the answer\"}").getBytes(StandardCharsets.UTF_8);
      status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
