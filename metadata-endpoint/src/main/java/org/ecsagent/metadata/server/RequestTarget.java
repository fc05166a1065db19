package org.ecsagent.metadata.server;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request-target of an HTTP request line, split into decoded path segments and query
 * parameters.
 *
 * <p>The path is split <em>before</em> percent-decoding, so an encoded {@code %2F} stays inside
 * its segment instead of creating a new one. Only origin-form targets ({@code /path?query}) are
 * accepted: that is what HTTP clients send to an origin server
 * (<a href="https://www.rfc-editor.org/rfc/rfc9112#section-3.2.1">RFC 9112, 3.2.1</a>).
 */
record RequestTarget(String path, List<String> segments, Map<String, List<String>> queryParameters) {

  /** Parses a request-target; throws {@link IllegalArgumentException} if it is malformed. */
  static RequestTarget parse(String uri) {
    if (!uri.startsWith("/")) {
      throw new IllegalArgumentException("request target is not origin-form");
    }
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    List<String> segments = new ArrayList<>();
    for (String raw : split(decoder.rawPath())) {
      segments.add(decodePathSegment(raw));
    }
    return new RequestTarget(
        "/" + String.join("/", segments), List.copyOf(segments), decoder.parameters());
  }

  /** {@code "/a/b"} → [a, b]; {@code "/"} → [""]; {@code "/a/"} → [a, ""]. */
  static List<String> split(String path) {
    return List.of(path.substring(1).split("/", -1));
  }

  /** Netty's component decoder is for queries, where '+' means space; in a path it is a '+'. */
  private static String decodePathSegment(String raw) {
    return QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
