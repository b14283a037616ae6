package dev.lanes.console.internal.auth;

/** What {@link AccessPolicy} decided for one request. */
public sealed interface Access {

  /** How an allowed caller showed who they are; it names them in the audit log. */
  enum Via {
    OPEN,
    SESSION,
    BEARER
  }

  /** The handler may run. */
  record Allowed(Via via) implements Access {}

  /**
   * The handler must not run: 401 (no credentials) or 403 (wrong ones), as JSON for the API and as
   * a page otherwise.
   */
  record Refused(int status, boolean api, String message) implements Access {}

  /** A page that needs a signed-in session: 303 to the sign-in page, back to {@code next} after. */
  record SignInFirst(String next) implements Access {}
}
