package dev.lanes.console.internal.web;

/**
 * Where the parts of the console register their routes. A pattern is a path whose segments may be
 * {@code {name}}: {@code /lanes/{lane}/dead-letters/{partition}/{offset}}. The server owns auth,
 * CSRF, errors and assets; a part registers only what it answers.
 */
public interface Router {
  void get(String pattern, Handler handler);

  void post(String pattern, Handler handler);
}
