package org.ecsagent.emulator;

import org.awaitility.Awaitility;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ecsagent.protocol.acs.AcsCodec;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsProtocolException;

/** Plays an agent's side of ACS over the JDK websocket client, recording every message it receives. */
final class AcsTestClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final AcsCodec codec = new AcsCodec();
  private final List<AcsMessage> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final Consumer<AcsMessage> onMessage;
  private final WebSocket socket;

  private AcsTestClient(URI endpoint, String clusterArn, String containerInstanceArn, Consumer<AcsMessage> onMessage) {
    this.onMessage = onMessage;
    URI uri = URI.create(endpoint.toString().replaceFirst("^http", "ws") + "/ws?clusterArn=" + encode(clusterArn)
        + "&containerInstanceArn=" + encode(containerInstanceArn)
        + "&agentVersion=1.0.0&dockerVersion=" + encode("DockerVersion: 27.0.0") + "&seqNum=1&sendCredentials=true");
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ecs/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000")
        .buildAsync(uri, new Listener())
        .join();
  }

  static AcsTestClient connect(URI endpoint, String clusterArn, String containerInstanceArn) {
    return new AcsTestClient(endpoint, clusterArn, containerInstanceArn, m -> { });
  }

  /** A client that also hands every message it receives to {@code onMessage}, on the websocket's thread. */
  static AcsTestClient connect(URI endpoint, String clusterArn, String containerInstanceArn,
      Consumer<AcsMessage> onMessage) {
    return new AcsTestClient(endpoint, clusterArn, containerInstanceArn, onMessage);
  }

  void send(AcsMessage message) {
    sendRaw(codec.encode(message));
  }

  void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  List<AcsMessage> received() {
    return List.copyOf(received);
  }

  <T extends AcsMessage> List<T> received(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for a message of the type that matches, and returns the first such. */
  <T extends AcsMessage> T await(Class<T> type, Predicate<T> matching) {
    Awaitility.await().atMost(TIMEOUT).until(() -> received(type).stream().anyMatch(matching));
    return received(type).stream().filter(matching).findFirst().orElseThrow();
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
    socket.abort();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          AcsMessage message = codec.decode(partial.toString());
          received.add(message);
          onMessage.accept(message);
        } catch (AcsProtocolException e) {
          throw new AssertionError("emulator sent a malformed frame: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
