package org.redisee.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Reads the session id from the request's cookie and writes the {@code Set-Cookie} header, SameSite included. */
final class SessionCookies {

    private final SessionSettings.Cookie settings;

    SessionCookies(SessionSettings.Cookie settings) {
        this.settings = settings;
    }

    /** The id the client sent; the first non-empty cookie of the name. */
    String requestedId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (settings.name().equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String id) {
        response.addHeader("Set-Cookie", header(request, id, settings.maxAgeSeconds()));
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
