package org.redisee.sample.account;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.Json;

/**
 * Refuses API requests that present a logged-out session id (HTTP 401). Logging out deletes the session from Redis,
 * but another node may still serve its local copy of it for a moment, until RedisEE's invalidation message arrives;
 * the blacklist makes a replayed cookie useless at once, on every node.
 *
 * <p>RedisEE's session filter comes first in the chain, so {@code getRequestedSessionId()} is the Redis session's id.
 */
@WebFilter(urlPatterns = "/api/*")
public class BlacklistFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    SessionBlacklist blacklist;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getRequestedSessionId();
        if (sessionId != null && blacklist.contains(sessionId)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write(Json.write(new ErrorBody("This session was logged out. Sign in again.")));
            return;
        }
        chain.doFilter(request, response);
    }
}
