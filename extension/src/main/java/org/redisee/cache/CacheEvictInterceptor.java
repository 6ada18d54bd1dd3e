package org.redisee.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link CacheEvict}; the logic is in {@link CacheOperations}. */
@CacheEvict
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class CacheEvictInterceptor {

    @Inject
    CacheOperations operations;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.evict(context);
    }
}
