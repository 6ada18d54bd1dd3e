package org.redisee.jcache;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Injects a JCache cache by name, from the application's RedisEE cache manager:
 * <pre>{@code @Inject @JCacheName("profiles") Cache<String, Profile> profiles;}</pre>
 * A cache declared by {@code redisee.jcache.<name>.*} gets that configuration; any other is created on first
 * injection with the JSR-107 defaults (no expiry, no statistics).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER})
public @interface JCacheName {

    /** The cache name. */
    String value();

    /** A literal for programmatic lookup: {@code Instance.select(JCacheName.Literal.of("profiles"))}. */
    final class Literal extends AnnotationLiteral<JCacheName> implements JCacheName {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
