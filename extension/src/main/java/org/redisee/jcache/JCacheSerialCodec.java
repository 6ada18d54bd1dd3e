package org.redisee.jcache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import org.redisson.client.codec.BaseCodec;
import org.redisson.client.protocol.Decoder;
import org.redisson.client.protocol.Encoder;

import org.redisee.serial.SerialAllowList;

import java.io.IOException;
import java.io.NotSerializableException;

/**
 * The codec of JCache entries: Java serialization, as JSR-107's store-by-value expects, but reading only the classes an
 * allow-list names. Cache data in Redis can be written by anyone who reaches Redis, so it is never deserialized
 * without the filter ({@link SerialAllowList}).
 */
public final class JCacheSerialCodec extends BaseCodec {

    /** Classes every cache may hold: values of the JDK's own data types, and nothing that can run code. */
    public static final String DEFAULT_PATTERN = SerialAllowList.JDK_VALUE_TYPES;

    private final SerialAllowList allowList;
    private final ClassLoader classLoader;

    private final Encoder encoder = this::encode;
    private final Decoder<Object> decoder = (buf, state) -> decode(buf);

    /**
     * @param extraPattern patterns added before the defaults, for example {@code com.acme.model.*;com.acme.Order};
     *                     blank for none. Anything the patterns do not allow is rejected.
     */
    public JCacheSerialCodec(String extraPattern, ClassLoader classLoader) {
        this.allowList = new SerialAllowList(extraPattern, "redisee.jcache.serial-filter", type -> false, classLoader);
        this.classLoader = classLoader;
    }

    public String pattern() {
        return allowList.pattern();
    }

    private ByteBuf encode(Object value) throws IOException {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            allowList.write(value, new ByteBufOutputStream(out));
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
        return allowList.read(new ByteBufInputStream(buf));
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
}
