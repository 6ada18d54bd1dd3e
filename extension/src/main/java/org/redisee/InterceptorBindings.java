package org.redisee;

import jakarta.interceptor.InvocationContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** What RedisEE's interceptors read from the intercepted method, in one place. */
public final class InterceptorBindings {

    private InterceptorBindings() {
    }

    /**
     * The interceptor binding as the container matched it: on the method, else on its class. Interceptors 2.1
     * (Jakarta EE 10) cannot hand it over.
     */
    public static <A extends Annotation> A binding(InvocationContext context, Class<A> type) {
        A onMethod = context.getMethod().getAnnotation(type);
        if (onMethod != null) {
            return onMethod;
        }
        A onClass = context.getMethod().getDeclaringClass().getAnnotation(type);
        if (onClass == null && context.getTarget() != null) {
            onClass = context.getTarget().getClass().getAnnotation(type);
        }
        if (onClass == null) {
            throw new IllegalStateException("@" + type.getSimpleName() + " not found on " + context.getMethod());
        }
        return onClass;
    }

    /** The index of the parameter annotated {@code marker}, or -1. */
    public static int markedParameter(Method method, Class<? extends Annotation> marker) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (marker.isInstance(annotation)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
