package org.redisee.session;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AES-GCM for attributes at rest. The first key encrypts; every key decrypts, so a rotation puts the new key first and
 * keeps the old ones until their data has expired. The attribute's name is authenticated with its value, so a value
 * cannot be moved to another attribute unnoticed.
 *
 * <p>Format: {@code 0x01}, key id length, key id (ASCII), a 12-byte nonce, then the ciphertext with its 16-byte tag.
 */
final class SessionEncryption {

    static final byte MARKER = 0x01;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    /** A named AES key; the id is stored with the data so that rotated keys stay readable. */
    record Key(String id, byte[] secret) {
    }

    private final Key current;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SessionEncryption(List<Key> keys) {
        this.current = keys.get(0);
        keys.forEach(key -> this.keys.put(key.id(), new SecretKeySpec(key.secret(), "AES")));
    }

    byte[] encrypt(String attribute, byte[] plain) {
        byte[] id = current.id().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current.id()), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(attribute.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(2 + id.length + NONCE + sealed.length)
                    .put(MARKER).put((byte) id.length).put(id).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e, e);
        }
    }

    /** @throws SessionDataException when the key is unknown or the data was altered */
    byte[] decrypt(String attribute, byte[] sealed) {
        ByteBuffer in = ByteBuffer.wrap(sealed);
        try {
            in.get();
            byte[] id = new byte[in.get()];
            in.get(id);
            byte[] nonce = new byte[NONCE];
            in.get(nonce);
            String keyId = new String(id, StandardCharsets.US_ASCII);
            SecretKeySpec key = keys.get(keyId);
            if (key == null) {
                throw new SessionDataException("encrypted with key '" + keyId + "', which redisee.session.encryption.keys"
                        + " no longer lists (it has " + keys.keySet() + ")");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(attribute.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, in.position(), in.remaining());
        } catch (AEADBadTagException e) {
            throw new SessionDataException("altered or not encrypted for this attribute (the authentication tag does not match)");
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof SessionDataException known) {
                throw known;
            }
            throw new SessionDataException("not readable as encrypted data: " + e);
        }
    }
}
