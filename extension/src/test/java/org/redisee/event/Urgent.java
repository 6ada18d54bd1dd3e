package org.redisee.event;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test qualifier with a member, to show that qualifiers travel with events. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface Urgent {
    int level();

    final class Literal extends AnnotationLiteral<Urgent> implements Urgent {
        private final int level;

        Literal(int level) {
            this.level = level;
        }

        @Override
        public int level() {
            return level;
        }
    }
}
