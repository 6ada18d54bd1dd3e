package org.redisee.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads the session id from the request's cookie and writes the {@code Set-Cookie} header, SameSite included. The
 * value is {@code <id>.<version>}: the version of the session the client last saw written, so that a node whose local
 * copy is older reads the session from Redis (read-your-writes across nodes, without a round trip to check).
 */
final class SessionCookies {

    /** What a request's cookie names: a session id, and the newest version of it the client has seen. */
    record Requested(String id, long version) {
    }

    private final SessionSettings.Cookie settings;

    SessionCookies(SessionSettings.Cookie settings) {
        this.settings = settings;
    }

    /**
     * What the client sent: the first cookie of the name that holds a session id as {@link RedisSessions#newId()} makes
     * them; null when none does. Anything else (forged, truncated, oversized, another application's cookie of the same
     * name) is ignored without asking Redis, so the request goes on without a session.
     */
    Requested requested(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (settings.name().equals(cookie.getName()) && cookie.getValue() != null) {
                    Requested requested = parse(cookie.getValue());
                    if (requested != null) {
                        return requested;
                    }
                }
            }
        }
        return null;
    }

    /** {@code <id>} or {@code <id>.<version>}; null when the id is not one of ours or the version not a number. */
    static Requested parse(String value) {
        int dot = value.indexOf('.');
        String id = dot < 0 ? value : value.substring(0, dot);
        if (!RedisSessions.isWellFormedId(id)) {
            return null;
        }
        if (dot < 0) {
            return new Requested(id, 0);
        }
        String version = value.substring(dot + 1);
        if (version.isEmpty() || version.length() > 18 || !version.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new Requested(id, Long.parseLong(version));
    }

    void write(HttpServletRequest request, HttpServletResponse response, String id, long version) {
        response.addHeader("Set-Cookie", header(request, version > 0 ? id + "." + version : id, settings.maxAgeSeconds()));
    }

    void expire(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, "", 0));
    }

    private String header(HttpServletRequest request, String value, int maxAge) {
        StringBuilder header = new StringBuilder(settings.name()).append('=').append(value);
        String contextPath = request.getContextPath();
        header.append("; Path=").append(settings.path().orElse(contextPath.isEmpty() ? "/" : contextPath));
        settings.domain().ifPresent(domain -> header.append("; Domain=").append(domain));
        if (maxAge >= 0) {
            header.append("; Max-Age=").append(maxAge);
        }
        if (settings.secure().orElse(request.isSecure())) {
            header.append("; Secure");
        }
        if (settings.httpOnly()) {
            header.append("; HttpOnly");
        }
        return header.append("; SameSite=").append(settings.sameSite()).toString();
    }
}
