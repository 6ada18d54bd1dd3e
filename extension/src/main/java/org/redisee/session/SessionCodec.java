package org.redisee.session;

import org.redisee.serial.SerialAllowList;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;

/**
 * Attribute values to bytes and back, in two steps each: Java serialization, read through an allow-list
 * ({@link SerialAllowList}), and AES-GCM when keys are configured. With keys configured, unencrypted values are
 * refused, so that data someone else wrote into Redis is never read.
 */
final class SessionCodec {

    private final SerialAllowList allowList;
    private final SessionEncryption encryption;

    /** @param encryption null for none */
    SessionCodec(SerialAllowList allowList, SessionEncryption encryption) {
        this.allowList = allowList;
        this.encryption = encryption;
    }

    /** @throws IllegalArgumentException when the value is not serializable, naming the attribute and the class */
    byte[] serialize(String attribute, Object value) {
        try {
            return allowList.write(value);
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

    /** @throws SessionDataException when the bytes are unreadable or hold a class the allow-list refuses */
    Object deserialize(byte[] serialized) {
        try {
            return allowList.read(serialized);
        } catch (IOException e) {
            throw new SessionDataException(e.getMessage());
        }
    }
}
