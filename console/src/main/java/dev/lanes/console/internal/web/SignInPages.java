package dev.lanes.console.internal.web;

import dev.lanes.console.internal.auth.AccessPolicy;
import dev.lanes.console.internal.auth.Secrets;
import dev.lanes.console.internal.auth.Session;
import dev.lanes.console.internal.auth.Sessions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login}, {@code POST /login} (the token in, a session cookie out) and {@code POST
 * /logout}. Every sign-in attempt is one audit line, with the caller and never the token.
 */
final class SignInPages {

  static final String COOKIE = "lanes_console_session";
  private static final Logger AUDIT = LoggerFactory.getLogger("dev.lanes.console.audit");

  private final String token;
  private final Sessions sessions;

  SignInPages(String token, Sessions sessions) {
    this.token = token;
    this.sessions = sessions;
  }

  void register(Router router) {
    router.get("/login", request -> form(request, 200, null));
    router.post("/login", this::signIn);
    router.post("/logout", this::signOut);
  }

  /** Where sign-in starts for a page that needs it, coming back to {@code pathAndQuery}. */
  static String signInFor(String pathAndQuery) {
    return "/login?next=" + URLEncoder.encode(pathAndQuery, StandardCharsets.UTF_8);
  }

  private Response signIn(Request request) {
    String next = AccessPolicy.localPath(request.formParam("next"));
    if (!Secrets.matches(token, request.formParam("token"))) {
      AUDIT.info("event=sign-in outcome=refused remote={}", remote(request));
      return form(request, 401, "That is not this console's token.");
    }
    Session session = sessions.signIn();
    AUDIT.info("event=sign-in outcome=ok remote={}", remote(request));
    return Response.redirect(next)
        .withHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + session.id()
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + Sessions.LIFETIME.toSeconds());
  }

  private Response signOut(Request request) {
    sessions.signOut(request.chrome().csrfToken());
    AUDIT.info("event=sign-out remote={}", remote(request));
    return Response.redirect("/")
        .withHeader("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  }

  /** The caller's address alone (the caller may read "1.2.3.4:5 (signed in)"): one token. */
  private static String remote(Request request) {
    return request.caller().split(" ", 2)[0];
  }

  private static Response form(Request request, int status, String message) {
    String next =
        AccessPolicy.localPath(
            request.formParam("next") != null
                ? request.formParam("next")
                : request.queryParam("next"));
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", request.chrome());
    params.put("next", next);
    params.put("message", message);
    return Templates.page(status, "login.jte", params);
  }
}
