package org.redisee.cache;

import java.util.Optional;

/**
 * A message on a cache's channel, {@code <type>|<origin>|<id length>|<id><payload>}, readable with
 * {@code redis-cli SUBSCRIBE}. Types: {@code L} a value was loaded after a miss (wakes the waiters; the payload is the
 * value's JSON when it is at most {@link #MAX_PAYLOAD} characters), {@code I} an entry changed or was removed (other
 * nodes drop their near-cache copy), {@code A} every entry was removed. {@code origin} identifies the sending node,
 * which ignores its own invalidations.
 */
record CacheEvent(String type, String origin, String id, String payload) {

    static final String LOADED = "L";
    static final String CHANGED = "I";
    static final String CLEARED = "A";
    static final int MAX_PAYLOAD = 65_536;

    /** The encoded event; for {@link #LOADED} the Lua script appends the payload itself. */
    String encode() {
        return type + "|" + origin + "|" + id.length() + "|" + id + payload;
    }

    static Optional<CacheEvent> decode(String message) {
        String[] head = message.split("\\|", 4);
        if (head.length != 4) {
            return Optional.empty();
        }
        try {
            int idLength = Integer.parseInt(head[2]);
            String rest = head[3];
            if (idLength < 0 || idLength > rest.length()) {
                return Optional.empty();
            }
            return Optional.of(new CacheEvent(head[0], head[1], rest.substring(0, idLength), rest.substring(idLength)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
