package org.ecsagent.emulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.ecsagent.emulator.arn.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the ECS JSON API (awsJson1_1): {@code POST /} with
 * {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>}. Last in the HTTP
 * pipeline, after the aggregator and the websocket upgrade handler have let the request through.
 *
 * <p>The body is parsed here, on the network thread; the operation itself runs on the state
 * thread and its response is written back from there. SigV4 signatures are not checked: any
 * credentials work, as the emulator is meant for local runs.
 */
@Sharable
public final class EcsApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(EcsApiHandler.class);
  static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final OperationTable operations;
  private final Executor stateThread;
  private final ObjectMapper mapper;
  private final IdGenerator ids;
  private final CallFilter filter;

  /**
   * @param filter runs around every operation on the state thread (fault injection, recording)
   */
  public EcsApiHandler(OperationTable operations, Executor stateThread, ObjectMapper mapper, IdGenerator ids,
      CallFilter filter) {
    this.operations = operations;
    this.stateThread = stateThread;
    this.mapper = mapper;
    this.ids = ids;
    this.filter = filter;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String requestId = ids.uuid();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String operation = operationName(request);
    Supplier<Object> call;
    try {
      if (!HttpMethod.POST.equals(request.method())) {
        throw new ApiException(ErrorShape.UNKNOWN_OPERATION, "Only POST is supported by the ECS JSON API.");
      }
      if (operation == null) {
        throw new ApiException(ErrorShape.UNKNOWN_OPERATION,
            "Missing or unknown X-Amz-Target; expected " + TARGET_PREFIX + "<Operation>.");
      }
      JsonNode body = parseBody(request.content().toString(StandardCharsets.UTF_8));
      CallContext context = new CallContext(requestId, endpointOf(ctx, request));
      Supplier<Object> bound = operations.bind(operation, body, mapper, context)
          .orElseThrow(() -> new ApiException(ErrorShape.UNKNOWN_OPERATION, "Unknown operation " + operation + "."));
      call = () -> filter.filter(operation, body, context, bound);
    } catch (ApiException e) {
      respond(ctx, requestId, operation, keepAlive, error(e));
      return;
    }
    try {
      CompletableFuture.supplyAsync(() -> success(call.get()), stateThread)
          .exceptionally(failure -> error(unwrap(failure)))
          .thenAccept(response -> respond(ctx, requestId, operation, keepAlive, response));
    } catch (RejectedExecutionException e) {
      respond(ctx, requestId, operation, false, error(new ApiException(ErrorShape.SERVER, "The emulator is shutting down.")));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing API connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private static String operationName(FullHttpRequest request) {
    String target = request.headers().get("X-Amz-Target");
    if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
      return null;
    }
    return target.substring(TARGET_PREFIX.length());
  }

  private JsonNode parseBody(String text) {
    if (text.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode body = mapper.readTree(text);
      if (body == null || !body.isObject()) {
        throw new ApiException(ErrorShape.SERIALIZATION, "Request body must be a JSON object.");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorShape.SERIALIZATION, "Cannot parse request body: " + e.getOriginalMessage());
    }
  }

  /**
   * The address the client used (its Host header, else the connection's local address), so a
   * remote agent is told an address it can actually reach.
   */
  private static String endpointOf(ChannelHandlerContext ctx, FullHttpRequest request) {
    String host = request.headers().get(HttpHeaderNames.HOST);
    if (host != null && !host.isBlank()) {
      return "http://" + host;
    }
    InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
    String address = local.getHostString();
    return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
  }

  private Response success(Object result) {
    try {
      return new Response(HttpResponseStatus.OK, mapper.writeValueAsBytes(result), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + result.getClass().getSimpleName(), e);
    }
  }

  private Response error(ApiException e) {
    var body = mapper.createObjectNode().put("__type", e.shape().type()).put("message", e.getMessage());
    return new Response(HttpResponseStatus.valueOf(e.shape().httpStatus()), body.toString().getBytes(StandardCharsets.UTF_8), e);
  }

  private static ApiException unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ApiException api) {
      return api;
    }
    log.error("operation failed unexpectedly", cause);
    return new ApiException(ErrorShape.SERVER, "Internal error in the emulator: " + cause);
  }

  private static void respond(ChannelHandlerContext ctx, String requestId, String operation, boolean keepAlive,
      Response response) {
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
        Unpooled.wrappedBuffer(response.body()));
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
        .set(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
        .set("x-amzn-RequestId", requestId);
    if (response.error() != null) {
      log.info("{} -> {}: {}", operation, response.error().shape().type(), response.error().getMessage());
    } else {
      log.debug("{} -> 200", operation);
    }
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http);
    } else {
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private record Response(HttpResponseStatus status, byte[] body, ApiException error) {}
}
