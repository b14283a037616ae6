package dev.lanes.console.internal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as a handler sees it: parsed, decoded and already authorized. A POST reaches a
 * handler only when the caller may write: a page POST from a signed-in session with its CSRF token,
 * an API POST with the bearer token (the server checks before it dispatches), so handlers never
 * check auth themselves.
 *
 * @param method GET or POST
 * @param path the decoded path, e.g. {@code /lanes/realtime/dead-letters}
 * @param pathParams the route's {@code {name}} segments, decoded
 * @param query the query string's parameters, decoded, in order; a name may repeat
 * @param form the urlencoded body's parameters (POST), decoded, in order; a name may repeat
 * @param chrome what every page's frame shows for this caller (banner, sign-in state, CSRF token)
 * @param caller who asked, for the audit log: the remote address, with " (signed in)" for a page
 *     session or " (bearer)" for the API token, e.g. {@code 127.0.0.1:53422 (signed in)}
 */
public record Request(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    PageChrome chrome,
    String caller) {

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    pathParams = Map.copyOf(pathParams);
    query = ordered(query);
    form = ordered(form);
    Objects.requireNonNull(chrome, "chrome");
    Objects.requireNonNull(caller, "caller");
  }

  /** The path segment {@code {name}} of the route. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter {" + name + "}");
    }
    return value;
  }

  /** The first value of query parameter {@code name}, or null when absent or blank. */
  public String queryParam(String name) {
    return first(query, name);
  }

  /** The first value of form field {@code name}, or null when absent or blank. */
  public String formParam(String name) {
    return first(form, name);
  }

  /** Every non-blank value of form field {@code name} (checkboxes), in order. */
  public List<String> formParams(String name) {
    return form.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).toList();
  }

  /**
   * Where a page sends a caller who is not signed in ("Sign in to replay"): {@code /login} with
   * {@code next} back to this page and its query, encoded. Put it in an {@code href} as it is.
   */
  public String signInLink() {
    StringBuilder here = new StringBuilder(path);
    String separator = "?";
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      for (String value : parameter.getValue()) {
        here.append(separator).append(encode(parameter.getKey())).append('=').append(encode(value));
        separator = "&";
      }
    }
    return SignInPages.signInFor(here.toString());
  }

  // Map.copyOf would lose the order the parameters came in.
  private static Map<String, List<String>> ordered(Map<String, List<String>> parameters) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    if (values == null) {
      return null;
    }
    return values.stream().filter(v -> !v.isBlank()).findFirst().orElse(null);
  }
}
