package dev.lanes.console.internal.deadletters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dead-letter pages' addresses, with their query strings encoded. */
final class Links {

  private Links() {}

  static String list(String lane, Map<String, String> parameters) {
    return withQuery("/lanes/" + encode(lane) + "/dead-letters", parameters);
  }

  static String list(String lane, Map<String, String> filters, String name, String value) {
    Map<String, String> parameters = new LinkedHashMap<>(filters);
    parameters.put(name, value);
    return list(lane, parameters);
  }

  static String detail(String lane, int partition, long offset) {
    return "/lanes/" + encode(lane) + "/dead-letters/" + partition + "/" + offset;
  }

  static String replay(String lane) {
    return "/lanes/" + encode(lane) + "/replay";
  }

  static String signIn(String next) {
    return "/login?next=" + encode(next);
  }

  static String withQuery(String path, Map<String, String> parameters) {
    StringBuilder link = new StringBuilder(path);
    parameters.forEach(
        (name, value) ->
            link.append(link.indexOf("?") < 0 ? '?' : '&')
                .append(encode(name))
                .append('=')
                .append(encode(value)));
    return link.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
