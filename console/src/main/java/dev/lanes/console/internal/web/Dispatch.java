package dev.lanes.console.internal.web;

import com.sun.net.httpserver.HttpExchange;
import dev.lanes.console.internal.auth.Access;
import dev.lanes.console.internal.auth.AccessPolicy;
import dev.lanes.console.internal.auth.AccessRequest;
import dev.lanes.console.internal.auth.Session;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The decision and the routing of one request; the problems it throws become answers. */
record Dispatch(
    HttpExchange exchange, Routes routes, AccessPolicy policy, Session session, PageChrome chrome) {

  private static final Logger AUDIT = LoggerFactory.getLogger("dev.lanes.console.audit");

  Response run() {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    boolean api = AccessPolicy.isApi(path);
    if (!method.equals("GET") && !method.equals("POST")) {
      return methodNotAllowed(api, method, path);
    }
    Map<String, List<String>> query =
        Parameters.parse(exchange.getRequestURI().getRawQuery(), "query");
    Map<String, List<String>> form = Map.of();
    if (method.equals("POST")) {
      String body = Bodies.read(exchange);
      if (body == null) {
        return Answers.problem(
            api,
            413,
            "the request body is larger than 1 MiB, the most the console reads",
            chrome,
            false);
      }
      form = Parameters.parse(body, "form");
    }
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String pathAndQuery = rawQuery == null ? path : path + "?" + rawQuery;
    List<String> csrf = form.get("csrf");
    Access access =
        policy.decide(
            new AccessRequest(
                method,
                path,
                pathAndQuery,
                exchange.getRequestHeaders().getFirst("Authorization"),
                session,
                csrf == null || csrf.isEmpty() ? null : csrf.get(0),
                exchange.getRequestHeaders().getFirst("Host")));
    if (access instanceof Access.Refused refused) {
      if (method.equals("POST")) {
        // A refused write is someone trying to change something: operators want to see that.
        AUDIT.info(
            "event=refused method=POST path={} status={} remote={}",
            path,
            refused.status(),
            address(exchange));
      }
      Response answer =
          Answers.problem(
              refused.api(),
              refused.status(),
              refused.message(),
              chrome,
              refused.status() == 401 && !refused.api());
      // A 401 names the scheme that would do (RFC 9110); the pages' scheme is the sign-in form.
      return refused.status() == 401 && refused.api()
          ? answer.withHeader("WWW-Authenticate", "Bearer realm=\"lanes console\"")
          : answer;
    }
    if (access instanceof Access.SignInFirst signIn) {
      return Response.redirect(SignInPages.signInFor(signIn.next()));
    }
    Access.Via via = ((Access.Allowed) access).via();
    Routes.Match match = routes.match(method, path);
    if (match == null) {
      return routes.allows(path).isEmpty()
          ? Answers.problem(api, 404, "no page at " + path, chrome, false)
          : methodNotAllowed(api, method, path);
    }
    Request request =
        new Request(method, path, match.params(), query, form, chrome, caller(exchange, via));
    return match.handler().handle(request);
  }

  private Response methodNotAllowed(boolean api, String method, String path) {
    String allowed = String.join(", ", routes.allows(path));
    return Answers.problem(
            api,
            405,
            method + " is not allowed on " + path + (allowed.isEmpty() ? "" : "; use " + allowed),
            chrome,
            false)
        .withHeader("Allow", allowed.isEmpty() ? "GET, POST" : allowed);
  }

  private static String address(HttpExchange exchange) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    return remote.getAddress().getHostAddress() + ":" + remote.getPort();
  }

  private static String caller(HttpExchange exchange, Access.Via via) {
    String address = address(exchange);
    return switch (via) {
      case OPEN -> address;
      case SESSION -> address + " (signed in)";
      case BEARER -> address + " (bearer)";
    };
  }
}
