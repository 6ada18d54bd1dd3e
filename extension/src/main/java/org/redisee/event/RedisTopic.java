package org.redisee.event;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CDI event that crosses JVMs through a Redis topic. Fire it on an {@code Event} with this qualifier, and observe it
 * with this qualifier, on every node:
 * <pre>
 * &#64;Inject &#64;RedisTopic("chat") Event&lt;ChatMessage&gt; chat;       // chat.fire(message), chat.fireAsync(message)
 * void on(&#64;Observes &#64;RedisTopic("chat") ChatMessage message) { } // runs on every node, once
 * </pre>
 * A name with {@code *}, {@code ?} or {@code [} is a pattern: its observers hear every topic it matches.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface RedisTopic {

    /** The topic's name (the Redis channel is {@code <key-prefix>:topic:<name>}), or a pattern of names. */
    String value();

    /** The qualifier as a value, for {@code Event.select(RedisTopic.Literal.of("chat"))}. */
    final class Literal extends AnnotationLiteral<RedisTopic> implements RedisTopic {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
