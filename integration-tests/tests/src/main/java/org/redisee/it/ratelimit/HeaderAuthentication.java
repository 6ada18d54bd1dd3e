package org.redisee.it.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Set;

/**
 * Test-only Jakarta Security mechanism: the caller is whoever the {@code X-Test-User} header names, so the tests can
 * call as two principals without a user database in each server. Requests without the header stay anonymous.
 */
@ApplicationScoped
public class HeaderAuthentication implements HttpAuthenticationMechanism {

    static final String HEADER = "X-Test-User";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String user = request.getHeader(HEADER);
        return user == null || user.isBlank() ? context.doNothing() : context.notifyContainerAboutLogin(user, Set.of("user"));
    }
}
