package org.redisee.sample.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.redisee.sample.ErrorBody;

/**
 * Who is signed in: the account name in the HTTP session. With {@code redisee.session.enabled=true} the session is
 * in Redis, so every node knows the user from the same cookie.
 */
public final class SignedIn {

    static final String ATTRIBUTE = "chat.user";

    private SignedIn() {
    }

    public static Optional<String> user(HttpSession session) {
        return Optional.ofNullable(session).map(s -> (String) s.getAttribute(ATTRIBUTE));
    }

    /** The signed-in user; HTTP 401 when there is none. */
    public static String require(HttpServletRequest request) {
        return user(request.getSession(false)).orElseThrow(() -> ErrorBody.exception(Response.Status.UNAUTHORIZED,
                "Sign in first."));
    }

    /** Signs the user in on a new session: an id someone knew before the sign-in (session fixation) is worthless. */
    static void start(HttpServletRequest request, String user) {
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        request.getSession(true).setAttribute(ATTRIBUTE, user);
    }
}
