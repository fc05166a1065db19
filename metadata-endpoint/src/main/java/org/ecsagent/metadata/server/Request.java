package org.ecsagent.metadata.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One decoded HTTP request, as a handler sees it.
 *
 * @param method the HTTP method, upper case
 * @param path the percent-decoded path, without the query
 * @param queryParameters percent-decoded query parameters, in the order they were sent
 * @param pathParameters the values of the route pattern's named segments
 * @param remoteAddress the caller's address, or null on a transport without one
 */
public record Request(
    String method,
    String path,
    Map<String, List<String>> queryParameters,
    Map<String, String> pathParameters,
    InetSocketAddress remoteAddress) {

  public Request {
    queryParameters = queryParameters.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    pathParameters = Map.copyOf(pathParameters);
  }

  /** The first value of a query parameter, if it was sent. */
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The value of a named segment of the route pattern; it exists whenever the route matched. */
  public String pathParameter(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter {" + name + "}");
    }
    return value;
  }
}
