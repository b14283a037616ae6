package dev.lanes.console.internal.auth;

import java.time.Instant;

/**
 * A signed-in browser: the id its cookie carries, the CSRF token its forms must post back, and when
 * it signed in (it expires {@link Sessions#LIFETIME} later).
 */
public record Session(String id, String csrfToken, Instant signedInAt) {}
