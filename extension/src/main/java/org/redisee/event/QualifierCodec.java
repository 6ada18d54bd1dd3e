package org.redisee.event;

import jakarta.inject.Qualifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's qualifiers to text and back. Members may be strings, primitives, enums and classes; a qualifier read
 * back is a proxy of its annotation type with those members, and only types annotated {@code @Qualifier} are made.
 */
final class QualifierCodec {

    private final ClassLoader classLoader;

    QualifierCodec(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    static EventEnvelope.QualifierData write(Annotation qualifier) {
        Map<String, String> members = new LinkedHashMap<>();
        for (Method member : members(qualifier.annotationType())) {
            try {
                Object value = member.invoke(qualifier);
                members.put(member.getName(), value instanceof Class<?> type ? type.getName()
                        : value instanceof Enum<?> constant ? constant.name() : String.valueOf(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Qualifier " + qualifier + " cannot be read: " + e, e);
            }
        }
        return new EventEnvelope.QualifierData(qualifier.annotationType().getName(), members);
    }

    /** @throws IllegalArgumentException for a type that is not a qualifier here, or members that do not fit */
    Annotation read(EventEnvelope.QualifierData data) {
        Class<?> type;
        try {
            type = Class.forName(data.type(), false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown qualifier " + data.type());
        }
        if (!type.isAnnotation() || !type.isAnnotationPresent(Qualifier.class)) {
            throw new IllegalArgumentException(data.type() + " is not a qualifier");
        }
        Class<? extends Annotation> annotation = type.asSubclass(Annotation.class);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method member : members(annotation)) {
            String text = data.members().get(member.getName());
            values.put(member.getName(), text == null ? member.getDefaultValue() : parse(member.getReturnType(), text));
        }
        return (Annotation) Proxy.newProxyInstance(classLoader, new Class<?>[]{annotation}, (proxy, method, args) -> switch (method.getName()) {
            case "annotationType" -> annotation;
            case "equals" -> args[0] instanceof Annotation other && other.annotationType() == annotation
                    && values.entrySet().stream().allMatch(e -> e.getValue().equals(invoke(other, e.getKey())));
            case "hashCode" -> values.entrySet().stream().mapToInt(e -> (127 * e.getKey().hashCode()) ^ e.getValue().hashCode()).sum();
            case "toString" -> "@" + annotation.getName() + values;
            default -> values.get(method.getName());
        });
    }

    private Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf(type.asSubclass(Enum.class), text);
        }
        if (type == Class.class) {
            try {
                return Class.forName(text, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unknown class " + text);
            }
        }
        throw new IllegalArgumentException("qualifier members of type " + type.getName() + " cannot travel");
    }

    private static Object invoke(Annotation annotation, String member) {
        try {
            return annotation.annotationType().getMethod(member).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method[] members(Class<? extends Annotation> type) {
        Method[] members = type.getDeclaredMethods();
        Arrays.sort(members, (a, b) -> a.getName().compareTo(b.getName()));
        return members;
    }
}
