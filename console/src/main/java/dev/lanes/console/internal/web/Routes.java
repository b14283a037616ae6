package dev.lanes.console.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered routes: which handler answers a method and path, with its {@code {name}}s. */
final class Routes {

  record Match(Handler handler, Map<String, String> params) {}

  private record Route(String method, String[] segments, Handler handler) {}

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  void add(String method, String pattern, Handler handler) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a route pattern starts with '/', was '" + pattern + "'");
    }
    routes.add(new Route(method, pattern.split("/", -1), handler));
  }

  /** The first route for this method and path, or null. */
  Match match(String method, String path) {
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> params = params(route, path);
        if (params != null) {
          return new Match(route.handler(), params);
        }
      }
    }
    return null;
  }

  /** The methods some route answers on this path (empty: no such page). */
  List<String> allows(String path) {
    Set<String> methods = new LinkedHashSet<>();
    for (Route route : routes) {
      if (params(route, path) != null) {
        methods.add(route.method());
      }
    }
    return new ArrayList<>(methods);
  }

  private static Map<String, String> params(Route route, String path) {
    String[] parts = path.split("/", -1);
    if (parts.length != route.segments().length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = route.segments()[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        params.put(segment.substring(1, segment.length() - 1), parts[i]);
      } else if (!segment.equals(parts[i])) {
        return null;
      }
    }
    return params;
  }
}
