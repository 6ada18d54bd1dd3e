package org.redisee.sample.account;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.redisee.client.RedisClients;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.Json;
import org.redisee.sample.RedisUnavailableMapper;
import org.redisson.client.RedisException;

/**
 * Refuses API requests that present a logged-out session id (HTTP 401). Logging out deletes the session from Redis,
 * but another node may still serve its local copy of it for a moment, until RedisEE's invalidation message arrives;
 * the blacklist makes a replayed cookie useless at once, on every node.
 *
 * <p>RedisEE's session filter comes first in the chain, so {@code getRequestedSessionId()} is the Redis session's id.
 * While Redis is unreachable the filter cannot tell, and refuses with HTTP 503: at once when RedisEE's circuit
 * already knows, rather than after Redisson's timeouts and retries.
 */
@WebFilter(urlPatterns = "/api/*")
public class BlacklistFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    SessionBlacklist blacklist;

    @Inject
    RedisClients clients;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getRequestedSessionId();
        if (sessionId != null) {
            try {
                if (clients.client("default").circuit().isOpen()) {
                    refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, RedisUnavailableMapper.MESSAGE);
                    return;
                }
                if (blacklist.contains(sessionId)) {
                    refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                            "This session was logged out. Sign in again.");
                    return;
                }
            } catch (RedisException e) {
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, RedisUnavailableMapper.MESSAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(Json.write(new ErrorBody(message)));
    }
}
