package org.redisee.it.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.redisee.session.RedisSessionLogin;

import java.util.Set;

/**
 * Test-only login: a request with header {@code X-Login: <name>} logs {@code <name>} in, in group {@code user}.
 * {@link RedisSessionLogin} keeps the login in the Redis session, so later requests need only the session cookie,
 * on any node and after a restart.
 */
@ApplicationScoped
@RedisSessionLogin
public class HeaderLoginMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String user = request.getHeader("X-Login");
        return user == null || user.isBlank() ? context.doNothing() : context.notifyContainerAboutLogin(user, Set.of("user"));
    }
}
