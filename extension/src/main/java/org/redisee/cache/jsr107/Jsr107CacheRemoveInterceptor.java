package org.redisee.cache.jsr107;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.redisee.cache.Jsr107Operations;

import javax.cache.annotation.CacheRemove;

/**
 * Routes JSR-107 {@link CacheRemove} to Redis; the logic is in {@link Jsr107Operations}. Registered by the extension only
 * where the server does not intercept JSR-107 annotations itself.
 */
@CacheRemove
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class Jsr107CacheRemoveInterceptor {

    @Inject
    Jsr107Operations operations;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        return operations.remove(context);
    }
}
