package org.redisee;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Selects a named Redis client, configured under {@code redisee.client.<name>.*}.
 * <pre>{@code @Inject @Redis("sessions") RedissonClient sessions;}</pre>
 * Without this qualifier, or with {@code @Redis("default")}, the default client (keys {@code redisee.*}) is injected.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface Redis {

    /** The name of the default client. */
    String DEFAULT = "default";

    /** The client name. */
    String value() default DEFAULT;

    /** A literal for programmatic lookup: {@code Instance.select(Redis.Literal.of("sessions"))}. */
    final class Literal extends AnnotationLiteral<Redis> implements Redis {
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
