package org.redisee.cache;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the interceptors need to know about one annotated method, worked out once: the cache name, how to build the
 * key, and the type of the cached value ({@code T} of a {@code CompletionStage<T>}).
 */
final class CachedMethod {

    private static final Jsonb KEY_JSON = JsonbBuilder.create();

    private final String cacheName;
    private final int[] keyParameters;
    private final CacheKeyGenerator keyGenerator;
    private final Method method;
    private final Type valueType;
    private final boolean async;

    private CachedMethod(String cacheName, int[] keyParameters, CacheKeyGenerator keyGenerator, Method method,
                         Type valueType, boolean async) {
        this.cacheName = cacheName;
        this.keyParameters = keyParameters;
        this.keyGenerator = keyGenerator;
        this.method = method;
        this.valueType = valueType;
        this.async = async;
    }

    /**
     * @param cacheAttribute the annotation's {@code cache}, empty for the default name
     * @param generators     resolves a key generator class to its CDI bean
     */
    static CachedMethod of(Method method, String cacheAttribute, Class<? extends CacheKeyGenerator> generatorType,
                           Function<Class<? extends CacheKeyGenerator>, CacheKeyGenerator> generators) {
        CacheKeyGenerator generator = generatorType == null || generatorType == CacheKeyGenerator.class
                ? null : generators.apply(generatorType);
        return of(method, cacheName(method, cacheAttribute), keyParameters(method, CacheKeyParam.class, null), generator);
    }

    /** A method whose cache name and key parameters are already known (JSR-107 annotations). */
    static CachedMethod of(Method method, String cacheName, int[] keyParameters, CacheKeyGenerator generator) {
        boolean async = CompletionStage.class.isAssignableFrom(method.getReturnType());
        Type valueType = async ? completedType(method.getGenericReturnType()) : method.getGenericReturnType();
        return new CachedMethod(cacheName, keyParameters, generator, method, valueType, async);
    }

    /** The annotation's cache name, or {@code <declaring class>.<method>}: readable in Redis and stable across builds. */
    static String cacheName(Method method, String cacheAttribute) {
        return cacheAttribute.isEmpty() ? method.getDeclaringClass().getName() + "." + method.getName() : cacheAttribute;
    }

    private static Type completedType(Type returnType) {
        if (returnType instanceof ParameterizedType) {
            return ((ParameterizedType) returnType).getActualTypeArguments()[0];
        }
        return Object.class;
    }

    /**
     * The parameters marked with {@code marker}, or else all parameters except one marked {@code excluded} (the value
     * parameter of a JSR-107 {@code @CachePut}).
     */
    static int[] keyParameters(Method method, Class<? extends Annotation> marker, Class<? extends Annotation> excluded) {
        Annotation[][] annotations = method.getParameterAnnotations();
        List<Integer> marked = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < annotations.length; i++) {
            if (Arrays.stream(annotations[i]).anyMatch(marker::isInstance)) {
                marked.add(i);
            } else if (excluded == null || Arrays.stream(annotations[i]).noneMatch(excluded::isInstance)) {
                others.add(i);
            }
        }
        return (marked.isEmpty() ? others : marked).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The index of the parameter carrying {@code marker}, or -1. */
    static int parameterWith(Method method, Class<? extends Annotation> marker) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (Arrays.stream(annotations[i]).anyMatch(marker::isInstance)) {
                return i;
            }
        }
        return -1;
    }

    String cacheName() {
        return cacheName;
    }

    Type valueType() {
        return valueType;
    }

    boolean async() {
        return async;
    }

    /**
     * The entry id: {@code _} for no parameters, the plain text of one simple parameter (string, number, boolean,
     * enum, UUID), otherwise the JSON array of the key parameters.
     */
    String key(Object[] parameters) {
        if (keyGenerator != null) {
            return keyGenerator.key(method, parameters);
        }
        if (keyParameters.length == 0) {
            return "_";
        }
        if (keyParameters.length == 1 && isSimple(parameters[keyParameters[0]])) {
            return String.valueOf(parameters[keyParameters[0]]);
        }
        List<Object> parts = new ArrayList<>(keyParameters.length);
        for (int index : keyParameters) {
            parts.add(parameters[index]);
        }
        return KEY_JSON.toJson(parts);
    }

    private static boolean isSimple(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum || value instanceof UUID || value instanceof Character;
    }
}
