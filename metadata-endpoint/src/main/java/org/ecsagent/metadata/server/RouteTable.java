package org.ecsagent.metadata.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** The immutable set of routes a server answers, built once from its {@link Routes}. */
final class RouteTable {

  /** A handler for one method and pattern, and the route set that registered it (for its rate-limit key). */
  record Route(String method, PathPattern pattern, AsyncHandler handler, Routes owner) {}

  /** The outcome of looking a request up: a route, a path known for other methods, or nothing. */
  sealed interface Match {
    record Found(Route route, Map<String, String> pathParameters) implements Match {}

    record WrongMethod(Set<String> allowed) implements Match {}

    record NotFound() implements Match {}
  }

  private final List<Route> routes;

  private RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  static RouteTable of(List<Routes> routeSets) {
    Collector collector = new Collector();
    for (Routes routeSet : routeSets) {
      collector.owner = routeSet;
      routeSet.register(collector);
    }
    return new RouteTable(collector.routes);
  }

  Match match(String method, List<String> segments) {
    Set<String> allowed = new TreeSet<>();
    Optional<Match.Found> best = Optional.empty();
    for (Route route : routes) { // most specific first, see Collector
      Optional<Map<String, String>> parameters = route.pattern().match(segments);
      if (parameters.isEmpty()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
      } else if (best.isEmpty()) {
        best = Optional.of(new Match.Found(route, parameters.get()));
      }
    }
    if (best.isPresent()) {
      return best.get();
    }
    return allowed.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(allowed);
  }

  /** Collects registrations; sorts so that the first match is the most specific (stable for ties). */
  private static final class Collector implements Router {
    private final List<Route> routes = new ArrayList<>();
    private Routes owner;

    @Override
    public Router get(String pattern, Handler handler) {
      return add("GET", pattern, request -> CompletableFuture.completedFuture(handler.handle(request)));
    }

    @Override
    public Router getAsync(String pattern, AsyncHandler handler) {
      return add("GET", pattern, handler);
    }

    private Router add(String method, String pattern, AsyncHandler handler) {
      PathPattern parsed = PathPattern.parse(pattern);
      boolean duplicate = routes.stream().anyMatch(route ->
          route.method().equals(method) && route.pattern().shape().equals(parsed.shape()));
      if (duplicate) {
        throw new IllegalArgumentException("route registered twice: " + method + " " + pattern);
      }
      routes.add(new Route(method, parsed, handler, owner));
      routes.sort(Comparator.comparingInt((Route route) -> route.pattern().literalSegments()).reversed());
      return this;
    }
  }
}
