package org.redisee.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.function.Predicate;

/**
 * Java serialization that reads only allowed classes. Data in Redis can be written by anyone who reaches Redis, so
 * RedisEE never deserializes it without this filter. Allowed: the patterns of a setting (the JDK's syntax,
 * {@link ObjectInputFilter.Config#createFilter}), then the JDK's value types, then classes a predicate accepts (for
 * sessions, the application's own classes); everything else is refused.
 */
public final class SerialAllowList {

    /** Values of the JDK's own data types, and nothing that can run code. */
    public static final String JDK_VALUE_TYPES =
            "java.lang.*;java.util.*;java.time.*;java.math.*;java.net.URI;java.net.URL;maxdepth=64;maxarray=16777216";

    private final String pattern;
    private final ObjectInputFilter patterns;
    private final Predicate<Class<?>> alsoAllowed;
    private final String setting;
    private final ClassLoader classLoader;

    /**
     * @param extraPattern patterns allowed before the defaults, for example {@code com.acme.model.*;com.acme.Order};
     *                     blank for none
     * @param setting      the configuration key of {@code extraPattern}, named when a class is refused
     * @param alsoAllowed  classes allowed beyond the patterns
     * @param classLoader  where classes are resolved first
     */
    public SerialAllowList(String extraPattern, String setting, Predicate<Class<?>> alsoAllowed, ClassLoader classLoader) {
        String extra = extraPattern == null || extraPattern.isBlank() ? "" : extraPattern.trim() + ";";
        this.pattern = extra + JDK_VALUE_TYPES;
        this.patterns = ObjectInputFilter.Config.createFilter(pattern);
        this.alsoAllowed = alsoAllowed;
        this.setting = setting;
        this.classLoader = classLoader;
    }

    /**
     * Why {@code extraPattern} is not valid JDK filter syntax ({@link ObjectInputFilter.Config#createFilter}), or null
     * when it is (or is blank): for validating a setting at deployment rather than at first use.
     */
    public static String patternProblem(String extraPattern) {
        if (extraPattern == null || extraPattern.isBlank()) {
            return null;
        }
        try {
            ObjectInputFilter.Config.createFilter(extraPattern.trim());
            return null;
        } catch (IllegalArgumentException e) {
            return "JDK serial filter patterns such as com.acme.model.*;com.acme.Order (" + e.getMessage() + ")";
        }
    }

    /** The patterns, for messages and logs. */
    public String pattern() {
        return pattern;
    }

    public byte[] write(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        write(value, bytes);
        return bytes.toByteArray();
    }

    /** @throws NotSerializableException naming the class that is not serializable */
    public void write(Object value, OutputStream out) throws IOException {
        try (ObjectOutputStream stream = new ObjectOutputStream(out)) {
            stream.writeObject(value);
        }
    }

    public Object read(byte[] data) throws IOException {
        return read(new ByteArrayInputStream(data));
    }

    /**
     * @throws RefusedClassException when the data holds a class that is not allowed, or goes beyond the limits
     * @throws IOException           when the data is not a serialized object, or names a class that does not exist
     */
    public Object read(InputStream in) throws IOException {
        FilteredObjectInputStream stream = new FilteredObjectInputStream(in);
        try (stream) {
            return stream.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("The data refers to a class this application does not have: " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            if (stream.refused == null) {
                throw e;
            }
            throw new RefusedClassException(stream.refused, "The data holds " + stream.refused + ", which " + setting
                    + " does not allow; allowed: " + pattern, e);
        }
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        ObjectInputFilter.Status status = patterns.checkInput(info);
        if (status != ObjectInputFilter.Status.UNDECIDED) {
            return status;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.ALLOWED; // a depth or size check within the limits
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || alsoAllowed.test(type) ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    }

    /** A class the allow-list refused. */
    public static final class RefusedClassException extends IOException {
        private final String refused;

        RefusedClassException(String refused, String message, Throwable cause) {
            super(message, cause);
            this.refused = refused;
        }

        /** What was refused: {@code class com.evil.Gadget}, or a graph beyond the limits. */
        public String refused() {
            return refused;
        }
    }

    private final class FilteredObjectInputStream extends ObjectInputStream {

        private String refused;

        FilteredObjectInputStream(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = check(info);
                if (status == ObjectInputFilter.Status.REJECTED && refused == null) {
                    refused = info.serialClass() != null ? "class " + info.serialClass().getName()
                            : "a graph beyond the limits (depth " + info.depth() + ", array " + info.arrayLength() + ")";
                }
                return status;
            });
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
