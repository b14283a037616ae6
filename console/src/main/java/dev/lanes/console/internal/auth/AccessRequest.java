package dev.lanes.console.internal.auth;

/**
 * What the auth decision looks at in a request.
 *
 * @param method GET or POST
 * @param path the decoded path
 * @param pathAndQuery the path with its raw query, where sign-in returns to
 * @param authorization the Authorization header, or null
 * @param session the live session the cookie names, or null
 * @param csrf the form's {@code csrf} field (POST), or null
 * @param host the Host header, or null
 */
public record AccessRequest(
    String method,
    String path,
    String pathAndQuery,
    String authorization,
    Session session,
    String csrf,
    String host) {}
