package org.redisee.cache.jsr107;

import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.util.Nonbinding;

import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Makes the JSR-107 annotations interceptor bindings (they carry no {@code @InterceptorBinding}; every member must
 * be {@code @Nonbinding}) and registers RedisEE's interceptors for them, unless the server already intercepts them.
 * Payara does, with interceptors of its own; registering ours too would cache every call twice.
 */
public final class Jsr107Registration {

    static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);
    static final List<Class<?>> INTERCEPTORS = List.of(Jsr107CacheResultInterceptor.class,
            Jsr107CachePutInterceptor.class, Jsr107CacheRemoveInterceptor.class, Jsr107CacheRemoveAllInterceptor.class);
    private static final String SERVER_INTERCEPTOR = "CacheResultInterceptor";

    private Jsr107Registration() {
    }

    public static void addBindings(BeforeBeanDiscovery discovery) {
        for (Class<? extends Annotation> annotation : ANNOTATIONS) {
            discovery.configureInterceptorBinding(annotation).methods()
                    .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
        }
    }

    /**
     * Adds the interceptors unless another globally enabled interceptor already handles {@code @CacheResult}.
     *
     * @return whether RedisEE's interceptors were added
     */
    public static boolean addInterceptors(AfterTypeDiscovery discovery, BeanManager beanManager) {
        boolean serverHasOwn = discovery.getInterceptors().stream()
                .anyMatch(i -> i.getSimpleName().equals(SERVER_INTERCEPTOR) && !i.getName().startsWith("org.redisee."));
        if (serverHasOwn) {
            return false;
        }
        for (Class<?> interceptor : INTERCEPTORS) {
            discovery.addAnnotatedType(beanManager.createAnnotatedType(interceptor), interceptor.getName());
            discovery.getInterceptors().add(interceptor); // the enabled list is already built at this point
        }
        return true;
    }
}
