package org.redisee.sample.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.redisee.sample.ChatKeys;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.Json;
import org.redisson.api.RBatch;
import org.redisson.api.RList;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Rooms and their history. The active rooms are a sorted set ({@code chat:rooms:active}) scored by last activity;
 * each room's history is a list of JSON messages ({@code chat:messages:<room>}), trimmed to the last
 * {@code historyLength} and expiring {@code historyTtl} after the last message.
 */
public final class Rooms {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final RedissonClient redis;
    private final ChatKeys keys;
    private final Clock clock;
    private final int historyLength;
    private final Duration historyTtl;

    public Rooms(RedissonClient redis, ChatKeys keys, Clock clock, int historyLength, Duration historyTtl) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.historyLength = historyLength;
        this.historyTtl = historyTtl;
    }

    /** Room names appear in URLs and Redis keys as they are. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name, if it is a valid room name. */
    public static String requireValidName(String name) {
        if (!isValidName(name)) {
            throw new InvalidInputException("Room names have 1 to 32 characters: lowercase letters, digits and -,"
                    + " starting with a letter or digit.");
        }
        return name;
    }

    /** Opens the room; false when it is already open. */
    public boolean create(String name) {
        return active().addIfAbsent(clock.millis(), requireValidName(name));
    }

    public boolean isActive(String name) {
        return active().getScore(name) != null;
    }

    /** The active rooms, most recently active first. */
    public List<Room> list() {
        return active().entryRangeReversed(0, -1).stream()
                .map(entry -> new Room(entry.getValue(), Instant.ofEpochMilli(entry.getScore().longValue())))
                .toList();
    }

    /** Appends to the history, trims it, renews its expiry and marks the room active: one round trip. */
    public void append(ChatMessage message) {
        RBatch batch = redis.createBatch();
        var history = batch.<String>getList(keys.messages(message.room()), StringCodec.INSTANCE);
        history.addAsync(Json.write(message));
        history.trimAsync(-historyLength, -1);
        history.expireAsync(historyTtl);
        batch.<String>getScoredSortedSet(keys.activeRooms(), StringCodec.INSTANCE)
                .addAsync(clock.millis(), message.room());
        batch.execute();
    }

    /** The room's history, oldest first. */
    public List<ChatMessage> history(String room) {
        RList<String> history = redis.getList(keys.messages(room), StringCodec.INSTANCE);
        return history.readAll().stream().map(json -> Json.read(json, ChatMessage.class)).toList();
    }

    /** Counts as activity for a room that has visitors but no new messages; does not reopen a closed room. */
    public void touch(String name) {
        active().addIfExists(clock.millis(), name);
    }

    /** The names of rooms with no activity since {@code cutoff}. */
    public List<String> idleSince(Instant cutoff) {
        return List.copyOf(active().valueRange(Double.NEGATIVE_INFINITY, true, cutoff.toEpochMilli(), false));
    }

    /**
     * Closes every room with no activity since {@code cutoff}, in one command, so that a room written to meanwhile
     * stays open. Its history stays until it expires.
     */
    public int closeIdleSince(Instant cutoff) {
        return active().removeRangeByScore(Double.NEGATIVE_INFINITY, true, cutoff.toEpochMilli(), false);
    }

    private RScoredSortedSet<String> active() {
        return redis.getScoredSortedSet(keys.activeRooms(), StringCodec.INSTANCE);
    }
}
