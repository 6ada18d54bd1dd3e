package org.redisee.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link CacheEvictAll}; the logic is in {@link CacheOperations}. */
@CacheEvictAll
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class CacheEvictAllInterceptor {

    @Inject
    CacheOperations operations;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.evictAll(context);
    }
}
