package org.redisee.lock;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link Locked}; the logic is in {@link LockOperations}. Runs after rate limits, before caching. */
@Locked
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 60)
public class LockedInterceptor {

    @Inject
    LockOperations operations;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.locked(context);
    }

    /** EJB timer callbacks ({@code @Schedule}) are not business methods: {@code @AroundInvoke} does not see them. */
    @AroundTimeout
    Object timeout(InvocationContext context) throws Exception {
        return operations.locked(context);
    }
}
