package dev.lanes.console.internal.auth;

import dev.lanes.console.internal.auth.Access.Allowed;
import dev.lanes.console.internal.auth.Access.Refused;
import dev.lanes.console.internal.auth.Access.SignInFirst;
import dev.lanes.console.internal.auth.Access.Via;
import java.util.Locale;

/**
 * Who may do what, as one function of the request (see README, "Web console"): the API takes only a
 * bearer token (no cookie counts there, so there is nothing to forge across sites); pages take a
 * signed-in session, and a page POST also the session's CSRF token. Reading is open only when the
 * console listens on a loopback address.
 */
public final class AccessPolicy {

  static final String SIGN_IN = "/login";
  static final String SIGN_OUT = "/logout";
  private static final String API = "/api";
  private static final String ASSETS = "/assets/";
  private static final String BEARER = "bearer ";

  private final String token;
  private final boolean loopback;

  /**
   * @param token the console's token
   * @param loopback whether the console listens on a loopback address only (then reading is open)
   */
  public AccessPolicy(String token, boolean loopback) {
    this.token = token;
    this.loopback = loopback;
  }

  public Access decide(AccessRequest request) {
    String path = request.path();
    if (loopback && !isLoopbackName(request.host())) {
      // DNS rebinding: a web page whose name now resolves to 127.0.0.1 would read the open pages
      // from the browser of someone who has the console open; its requests carry its own name.
      return new Refused(
          403,
          isApi(path),
          "this console listens on a loopback address and answers only to Host localhost or a"
              + " loopback address, was '"
              + request.host()
              + "'");
    }
    if (path.startsWith(ASSETS) || path.equals(SIGN_IN)) {
      // The sign-in page and what it is drawn with; POST /login checks the token itself.
      return new Allowed(Via.OPEN);
    }
    boolean write = "POST".equals(request.method());
    if (isApi(path)) {
      return write || !loopback ? bearer(request.authorization()) : new Allowed(Via.OPEN);
    }
    if (write) {
      return sessionWithCsrf(request.session(), request.csrf());
    }
    if (request.session() != null) {
      return new Allowed(Via.SESSION);
    }
    return loopback ? new Allowed(Via.OPEN) : new SignInFirst(request.pathAndQuery());
  }

  /** Whether {@code path} is the JSON API's (bearer token only, answers in JSON). */
  public static boolean isApi(String path) {
    return path.equals(API) || path.startsWith(API + "/");
  }

  private Access bearer(String authorization) {
    String given = bearerToken(authorization);
    if (given == null) {
      return new Refused(
          401,
          true,
          "this needs the console's token: send the header Authorization: Bearer <token>");
    }
    if (!Secrets.matches(token, given)) {
      return new Refused(403, true, "the bearer token is not this console's token");
    }
    return new Allowed(Via.BEARER);
  }

  private static String bearerToken(String authorization) {
    if (authorization == null
        || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
        || authorization.substring(BEARER.length()).isBlank()) {
      return null;
    }
    return authorization.substring(BEARER.length()).strip();
  }

  private static Access sessionWithCsrf(Session session, String csrf) {
    if (session == null) {
      return new Refused(401, false, "Sign in with the console's token to do this.");
    }
    if (!Secrets.matches(session.csrfToken(), csrf)) {
      return new Refused(
          403,
          false,
          "This form did not come from this console's page, or it is from before you signed in"
              + " again (its CSRF token is missing or wrong). Reload the page and try again.");
    }
    return new Allowed(Via.SESSION);
  }

  /** Whether a Host header names this machine's loopback: localhost, 127.x.y.z or [::1]. */
  static boolean isLoopbackName(String host) {
    if (host == null) {
      return true; // only HTTP/1.0 clients send none, and browsers are not among them
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      return end > 0 && name.substring(1, end).equals("::1");
    }
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    return name.equals("localhost")
        || name.endsWith(".localhost")
        || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * Where to go after signing in: {@code next} when it is a path on this console, else {@code /}.
   * "//host" and "/\host" would leave the console (browsers read both as another host).
   */
  public static String localPath(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return next;
  }
}
