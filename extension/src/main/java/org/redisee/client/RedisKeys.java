package org.redisee.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Caller-chosen parts of Redis keys (a rate-limit key, a principal's name), made safe to put inside a hash tag. */
public final class RedisKeys {

    /** Parts longer than this, or with characters that matter to Redis cluster, are replaced by their SHA-256. */
    private static final int MAX_PLAIN = 128;

    private RedisKeys() {
    }

    /** {@code part} itself when short and free of braces and control characters, else {@code sha256:<hex>}. */
    public static String hashTagSafe(String part) {
        boolean plain = part.length() <= MAX_PLAIN && part.chars().noneMatch(c -> c == '{' || c == '}' || c < 32);
        return plain ? part : "sha256:" + sha256(part);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
