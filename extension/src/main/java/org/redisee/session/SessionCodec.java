package org.redisee.session;

import org.redisee.serial.SerialAllowList;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Attribute values to bytes and back, in two steps each: Java serialization, read through an allow-list
 * ({@link SerialAllowList}), and AES-GCM when keys are configured. With keys configured, unencrypted values are
 * refused, so that data someone else wrote into Redis is never read.
 */
final class SessionCodec {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SessionCodec.class.getName());

    /**
     * An attribute read from its stored form: the value and its serialized bytes (to see later changes), or why it
     * cannot be read.
     */
    record Decoded(Object value, byte[] serialized, SessionDataException failure) {
    }

    private final SerialAllowList allowList;
    private final SessionEncryption encryption;
    private final int maxAttributeSize;
    /**
     * Values already read, by stored form (each array belongs to one version of one attribute and never changes), so
     * that requests served from the local copy share one value, as with the container's in-memory sessions; dropped
     * once no copy holds the form.
     */
    private final Map<byte[], Decoded> decoded = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param encryption       null for none
     * @param maxAttributeSize the most bytes an attribute may take serialized, both ways
     */
    SessionCodec(SerialAllowList allowList, SessionEncryption encryption, int maxAttributeSize) {
        this.allowList = allowList;
        this.encryption = encryption;
        this.maxAttributeSize = maxAttributeSize;
    }

    /**
     * @throws IllegalArgumentException when the value is not serializable, naming the attribute and the class, or
     *                                  when it is larger than {@code redisee.session.max-attribute-size}
     */
    byte[] serialize(String attribute, Object value) {
        try {
            byte[] serialized = allowList.write(value);
            if (serialized.length > maxAttributeSize) {
                throw new IllegalArgumentException("Session attribute '" + attribute + "' is " + serialized.length
                        + " bytes serialized, more than " + SessionSettingsReader.PREFIX + "max-attribute-size ("
                        + maxAttributeSize + " bytes), so it is not stored: keep large data elsewhere (a cache, a"
                        + " database) and only its key in the session, or raise the limit");
            }
            return serialized;
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("Session attribute '" + attribute + "' must be Serializable to be stored in"
                    + " Redis, but " + e.getMessage() + " is not", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Session attribute '" + attribute + "' could not be serialized: " + e, e);
        }
    }

    /** The stored form of serialized bytes. */
    byte[] seal(String attribute, byte[] serialized) {
        return encryption == null ? serialized : encryption.encrypt(attribute, serialized);
    }

    /** The serialized bytes of a stored form. @throws SessionDataException when it cannot be decrypted */
    byte[] open(String attribute, byte[] stored) {
        if (encryption == null) {
            return stored;
        }
        if (stored.length == 0 || stored[0] != SessionEncryption.MARKER) {
            throw new SessionDataException("not encrypted, and redisee.session.encryption.keys is set");
        }
        return encryption.decrypt(attribute, stored);
    }

    /**
     * The value of a stored form, read once per form; a form that cannot be read is logged once, when first met.
     *
     * @throws SessionDataException when the form cannot be read (a refused class, a key no longer configured)
     */
    Decoded decode(String attribute, byte[] stored) {
        Decoded read = decoded.get(stored);
        if (read == null) {
            try {
                byte[] serialized = open(attribute, stored);
                if (serialized.length > maxAttributeSize) {
                    throw new SessionDataException(serialized.length + " bytes, more than "
                            + SessionSettingsReader.PREFIX + "max-attribute-size (" + maxAttributeSize + ")");
                }
                read = new Decoded(deserialize(serialized), serialized, null);
            } catch (SessionDataException e) {
                LOG.warning("Session attribute '" + attribute + "' is not read (it stays in Redis as it is): " + e.getMessage());
                read = new Decoded(null, null, e);
            }
            decoded.put(stored, read);
        }
        if (read.failure() != null) {
            throw read.failure();
        }
        return read;
    }

    /** @throws SessionDataException when the bytes are unreadable or hold a class the allow-list refuses */
    Object deserialize(byte[] serialized) {
        try {
            return allowList.read(serialized);
        } catch (IOException e) {
            throw new SessionDataException(e.getMessage());
        }
    }
}
