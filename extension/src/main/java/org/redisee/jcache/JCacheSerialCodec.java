package org.redisee.jcache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import org.redisson.client.codec.BaseCodec;
import org.redisson.client.protocol.Decoder;
import org.redisson.client.protocol.Encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The codec of JCache entries: Java serialization, as JSR-107's store-by-value expects, but reading only the classes an
 * allow-list names. Cache data in Redis can be written by anyone who reaches Redis, so it is never deserialized
 * without the filter. The filter uses the JDK's pattern syntax ({@link ObjectInputFilter.Config#createFilter}).
 */
public final class JCacheSerialCodec extends BaseCodec {

    /** Classes every cache may hold: values of the JDK's own data types, and nothing that can run code. */
    public static final String DEFAULT_PATTERN =
            "java.lang.*;java.util.*;java.time.*;java.math.*;java.net.URI;java.net.URL;maxdepth=64;maxarray=16777216";

    private final ObjectInputFilter filter;
    private final String pattern;
    private final ClassLoader classLoader;

    private final Encoder encoder = this::encode;
    private final Decoder<Object> decoder = (buf, state) -> decode(buf);

    /**
     * @param extraPattern patterns added before the defaults, for example {@code com.acme.model.*;com.acme.Order};
     *                     blank for none. Anything the patterns do not allow is rejected.
     */
    public JCacheSerialCodec(String extraPattern, ClassLoader classLoader) {
        String extra = extraPattern == null || extraPattern.isBlank() ? "" : extraPattern.trim() + ";";
        this.pattern = extra + DEFAULT_PATTERN + ";!*";
        this.filter = ObjectInputFilter.Config.createFilter(pattern);
        this.classLoader = classLoader;
    }

    public String pattern() {
        return pattern;
    }

    private ByteBuf encode(Object value) throws IOException {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try (ObjectOutputStream stream = new ObjectOutputStream(new ByteBufOutputStream(out))) {
            stream.writeObject(value);
        } catch (NotSerializableException e) {
            out.release();
            throw new IllegalArgumentException("JCache stores values by value, so keys and values must be Serializable: "
                    + e.getMessage() + " is not", e);
        } catch (IOException | RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    private Object decode(ByteBuf buf) throws IOException {
        FilteredObjectInputStream stream = new FilteredObjectInputStream(new ByteBufInputStream(buf));
        try (stream) {
            return stream.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("A cache entry refers to a class this application does not have: " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            throw new IOException("A cache entry holds " + stream.rejected + ", which redisee.jcache.serial-filter does"
                    + " not allow; allowed: " + pattern, e);
        }
    }

    @Override
    public Decoder<Object> getValueDecoder() {
        return decoder;
    }

    @Override
    public Encoder getValueEncoder() {
        return encoder;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    private final class FilteredObjectInputStream extends ObjectInputStream {

        /** What the filter refused, for the message. */
        private String rejected = "data";

        FilteredObjectInputStream(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = filter.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED) {
                    rejected = info.serialClass() != null ? "class " + info.serialClass().getName()
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
