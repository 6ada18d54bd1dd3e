package org.redisee.ratelimit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * Applies {@link RateLimited}; the logic is in {@link RateLimitOperations}. Runs before other library interceptors,
 * so a rejected call costs nothing else.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 50)
public class RateLimitedInterceptor {

    @Inject
    RateLimitOperations operations;

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    Instance<Principal> principal;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.limited(context, new Caller() {
            @Override
            public Optional<String> principal() {
                Optional<String> fromRequest = httpRequest().map(HttpServletRequest::getUserPrincipal).map(Principal::getName);
                if (fromRequest.isPresent()) {
                    return fromRequest;
                }
                return principal.isResolvable() ? Optional.ofNullable(principal.get()).map(Principal::getName)
                        .filter(name -> !name.equals("ANONYMOUS") && !name.equals("anonymous")) : Optional.empty();
            }

            @Override
            public Optional<String> remoteAddress() {
                return httpRequest().map(HttpServletRequest::getRemoteAddr);
            }

            @Override
            public Optional<String> forwardedFor() {
                return httpRequest().map(r -> r.getHeader("X-Forwarded-For"));
            }
        });
    }

    /** The current HTTP request; empty outside one (a timer, a message). */
    private Optional<HttpServletRequest> httpRequest() {
        if (!request.isResolvable()) {
            return Optional.empty();
        }
        try {
            HttpServletRequest current = request.get();
            current.getRemoteAddr(); // the proxy fails here when no request is active
            return Optional.of(current);
        } catch (RuntimeException noActiveRequest) {
            return Optional.empty();
        }
    }
}
