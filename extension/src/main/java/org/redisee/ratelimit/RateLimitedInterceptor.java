package org.redisee.ratelimit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link RateLimited}; the logic is in {@link RateLimitOperations}. Runs before other library interceptors,
 * so a rejected call costs nothing else. It refers to no servlet type itself, so it also applies where there is no
 * servlet API (a CDI SE application); the HTTP request is read through {@link ServletRequests} where there is one.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 50)
public class RateLimitedInterceptor {

    @Inject
    RateLimitOperations operations;

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<Principal> principal;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.limited(context, new Caller() {
            /** Looked up only for the key sources that need it: a lookup per call would cost every limit. */
            private Optional<ServletRequests.Request> request;

            private Optional<ServletRequests.Request> request() {
                if (request == null) {
                    request = ServletRequests.current(beanManager);
                }
                return request;
            }

            @Override
            public Optional<String> principal() {
                Optional<String> fromRequest = request().flatMap(ServletRequests.Request::principal);
                if (fromRequest.isPresent()) {
                    return fromRequest;
                }
                return principal.isResolvable() ? Optional.ofNullable(principal.get()).map(Principal::getName)
                        .filter(name -> !name.equalsIgnoreCase("anonymous")) : Optional.empty();
            }

            @Override
            public Optional<String> remoteAddress() {
                return request().map(ServletRequests.Request::remoteAddress);
            }

            @Override
            public Optional<String> forwardedFor() {
                return request().flatMap(ServletRequests.Request::forwardedFor);
            }

            @Override
            public void allowed(Map<String, String> headers) {
                ServletRequests.setAttribute(beanManager, RateLimitHeaders.ATTRIBUTE, headers);
            }
        });
    }
}
