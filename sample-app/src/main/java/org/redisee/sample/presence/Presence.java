package org.redisee.sample.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.redisee.sample.ChatKeys;
import org.redisson.api.RBatch;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Who is connected: {@code chat:connections:<room>} per room and {@code chat:online} for all rooms, sorted sets of
 * {@link Connection} members scored by their last heartbeat. A node refreshes its own connections every 20 seconds
 * ({@link PresenceHeartbeat}) and removes them when they close. If a node dies, its entries stop being refreshed:
 * readers ignore them after {@link #STALE_AFTER}, the cleanup job removes them, and a key no node refreshes expires.
 */
public final class Presence {

    /** Three missed heartbeats. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Duration KEY_TTL = STALE_AFTER.multipliedBy(2);

    private final RedissonClient redis;
    private final ChatKeys keys;
    private final Clock clock;

    public Presence(RedissonClient redis, ChatKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    public void connect(Connection connection) {
        refresh(List.of(connection));
    }

    public void disconnect(Connection connection) {
        RBatch batch = redis.createBatch();
        batch.getScoredSortedSet(keys.connections(connection.room()), StringCodec.INSTANCE)
                .removeAsync(connection.member());
        batch.getScoredSortedSet(keys.online(), StringCodec.INSTANCE).removeAsync(connection.member());
        batch.execute();
    }

    /** Marks the connections as alive now and renews their keys' expiry: one round trip. */
    public void refresh(Collection<Connection> connections) {
        if (connections.isEmpty()) {
            return;
        }
        long now = clock.millis();
        RBatch batch = redis.createBatch();
        RScoredSortedSetAsync<String> online = batch.getScoredSortedSet(keys.online(), StringCodec.INSTANCE);
        for (Connection connection : connections) {
            batch.getScoredSortedSet(keys.connections(connection.room()), StringCodec.INSTANCE)
                    .addAsync(now, connection.member());
            online.addAsync(now, connection.member());
        }
        connections.stream().map(Connection::room).distinct().forEach(room ->
                batch.getScoredSortedSet(keys.connections(room), StringCodec.INSTANCE).expireAsync(KEY_TTL));
        online.expireAsync(KEY_TTL);
        batch.execute();
    }

    /** The users with a live connection to the room, sorted, each once. */
    public List<String> usersIn(String room) {
        return liveUsers(redis.getScoredSortedSet(keys.connections(room), StringCodec.INSTANCE));
    }

    /** The users with a live connection to any room, sorted, each once. */
    public List<String> online() {
        return liveUsers(redis.getScoredSortedSet(keys.online(), StringCodec.INSTANCE));
    }

    /** Removes the stale entries of these rooms and of the online set; returns how many. */
    public int pruneStale(Collection<String> rooms) {
        double staleBefore = clock.millis() - STALE_AFTER.toMillis();
        int pruned = removeBefore(redis.getScoredSortedSet(keys.online(), StringCodec.INSTANCE), staleBefore);
        for (String room : rooms) {
            pruned += removeBefore(redis.getScoredSortedSet(keys.connections(room), StringCodec.INSTANCE), staleBefore);
        }
        return pruned;
    }

    private List<String> liveUsers(RScoredSortedSet<String> connections) {
        double staleBefore = clock.millis() - STALE_AFTER.toMillis();
        return connections.valueRange(staleBefore, true, Double.POSITIVE_INFINITY, true).stream()
                .map(Connection::userOf).distinct().sorted().toList();
    }

    private static int removeBefore(RScoredSortedSet<String> connections, double staleBefore) {
        return connections.removeRangeByScore(Double.NEGATIVE_INFINITY, true, staleBefore, false);
    }
}
