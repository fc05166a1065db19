package org.ecsagent.metadata.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route pattern such as {@code /v4/{endpointId}/task}: literal segments and named
 * single-segment parameters. See {@link Router} for the rules.
 */
record PathPattern(String text, List<String> segments) {

  static PathPattern parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + text);
    }
    List<String> segments = RequestTarget.split(text);
    for (String segment : segments) {
      boolean opens = segment.startsWith("{");
      boolean closes = segment.endsWith("}");
      if (opens != closes || (opens && segment.length() < 3)
          || (!opens && (segment.contains("{") || segment.contains("}")))) {
        throw new IllegalArgumentException("malformed segment '" + segment + "' in route pattern " + text);
      }
    }
    return new PathPattern(text, List.copyOf(segments));
  }

  /** The parameter values if {@code path} (decoded segments) matches this pattern. */
  Optional<Map<String, String>> match(List<String> path) {
    if (path.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (isParameter(segment)) {
        parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
      } else if (!segment.equals(path.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  /** How specific the pattern is: a literal segment beats a parameter when both match. */
  int literalSegments() {
    return (int) segments.stream().filter(segment -> !isParameter(segment)).count();
  }

  /** The pattern with parameter names erased: {@code /v4/{id}} and {@code /v4/{x}} collide. */
  List<String> shape() {
    return segments.stream().map(segment -> isParameter(segment) ? "{}" : segment).toList();
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{");
  }
}
