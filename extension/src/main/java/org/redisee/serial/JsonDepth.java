package org.redisee.serial;

/**
 * A guard for JSON read from Redis before it reaches a parser. JSON-P and JSON-B build values recursively, so text
 * nested a few thousand levels deep ({@code [[[[...}, a few kilobytes that anyone who can write to Redis can put
 * there) overflows the reading thread's stack: a {@link StackOverflowError}, not an exception the reader handles.
 * No value RedisEE writes comes near the limit.
 */
public final class JsonDepth {

    /** Deeper than any cache value or event payload an application would have; shallow enough for any thread's stack. */
    public static final int MAX = 256;

    private JsonDepth() {
    }

    /** Whether {@code json} nests arrays and objects deeper than {@link #MAX}; one pass, strings skipped. */
    public static boolean tooDeep(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }
}
