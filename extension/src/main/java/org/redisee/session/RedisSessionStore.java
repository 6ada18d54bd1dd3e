package org.redisee.session;

import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisKeys;
import org.redisee.metrics.RedisMetrics;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.client.RedisNoScriptException;
import org.redisson.api.RScript;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import org.redisson.codec.CompositeCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sessions in Redis. One hash per session, {@code <prefix>:session:{<id>}}: the times and owner in fields starting
 * with {@code #}, each attribute in a field {@code a:<name>}. Beside it: a sorted set of expiry times, which the
 * expiry sweep reads (no keyspace notifications needed), and per principal a sorted set of session ids. Every key
 * expires.
 *
 * <p>With the local copy on, a node keeps the sessions it loaded or wrote, for at most a touch interval; every write
 * publishes the session's id on {@code <prefix>:session:changes}, and the other nodes drop their copy. A read-only
 * request within the touch interval then costs no round trip.
 */
public final class RedisSessionStore implements AutoCloseable {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RedisSessionStore.class.getName());

    static final String CREATED = "#created";
    static final String ACCESSED = "#accessed";
    static final String TIMEOUT = "#timeout";
    static final String PRINCIPAL = "#principal";
    static final String VERSION = "#version";
    /** Empty, or {@code login} and the login's groups, one per line. */
    static final String LOGIN = "#login";
    static final String ADDRESS = "#address";
    static final String AGENT = "#agent";
    static final String ATTRIBUTE = "a:";

    /** How long Redis keeps a session after its expiry, so that the sweep can still tell the listeners about it. */
    static final Duration SWEEP_GRACE = Duration.ofMinutes(10);
    /** Sessions that never expire (a negative maximum inactive interval) still leave Redis after this long unused. */
    static final Duration NEVER_EXPIRING = Duration.ofDays(30);

    private static final Codec FIELDS = new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE);
    /** Takes up to ARGV[2] ids due by ARGV[1] off the expiry index, atomically, so one node handles each. */
    private static final String CLAIM = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            if #ids > 0 then redis.call('ZREM', KEYS[1], unpack(ids)) end
            return ids
            """;
    /**
     * Writes a session's fields: ARGV = TTL in ms, how many fields to set, then field, value pairs, then fields to
     * delete. Increments and returns the version, which the client keeps in its cookie, so that any node can tell
     * that its local copy is older than what the client has seen.
     */
    private static final String WRITE = """
            local set = tonumber(ARGV[2])
            if set > 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 3, 2 + 2 * set)) end
            if #ARGV > 2 + 2 * set then redis.call('HDEL', KEYS[1], unpack(ARGV, 3 + 2 * set)) end
            local version = redis.call('HINCRBY', KEYS[1], '#version', 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return version
            """;
    /** Adds a session to a principal's index; the index lives as long as its longest-lived session. */
    private static final String INDEX = """
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return 1
            """;

    private final ManagedRedisClient client;
    private final String prefix;
    private final SessionSettings settings;
    private final SessionMeters meters;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, LocalCopy> local = new ConcurrentHashMap<>();
    /** Counts invalidations received, so that a load racing one is not kept. */
    private final AtomicLong invalidations = new AtomicLong();
    private final long localNanos;
    private RTopic changes;
    private final List<Integer> listeners = new ArrayList<>();

    private record LocalCopy(StoredSession session, long loadedAtNanos) {
    }

    public RedisSessionStore(ManagedRedisClient client, String prefix, SessionSettings settings, SessionMeters meters) {
        this.client = client;
        this.prefix = prefix + ":session:";
        this.settings = settings;
        this.meters = meters;
        this.localNanos = settings.touchInterval().toNanos();
    }

    /** Subscribes to other nodes' changes when the local copy is on. */
    public void start() {
        if (!settings.localCopy()) {
            return;
        }
        changes = client.redisson().getTopic(prefix + "changes", StringCodec.INSTANCE);
        listeners.add(changes.addListener(String.class, (channel, message) -> {
            int space = message.indexOf(' ');
            if (space > 0 && !message.startsWith(node + " ")) {
                invalidations.incrementAndGet();
                local.remove(message.substring(space + 1));
            }
        }));
        // Messages published while unsubscribed are lost: start afresh after every (re)subscription.
        listeners.add(changes.addListener(new StatusListener() {
            @Override
            public void onSubscribe(String channel) {
                invalidations.incrementAndGet();
                local.clear();
            }

            @Override
            public void onUnsubscribe(String channel) {
                invalidations.incrementAndGet();
                local.clear();
            }
        }));
    }

    @Override
    public void close() {
        if (changes != null) {
            listeners.forEach(changes::removeListener);
            listeners.clear();
        }
        local.clear();
    }

    /**
     * The session, unless it does not exist or has expired.
     *
     * @param seenVersion the newest version the client has seen (from its cookie): an older local copy is not used
     */
    public Optional<StoredSession> load(String id, long seenVersion) {
        long now = System.currentTimeMillis();
        LocalCopy copy = local.get(id);
        if (copy != null && copy.session().version() >= seenVersion && System.nanoTime() - copy.loadedAtNanos() < localNanos) {
            meters.localHits.increment();
            return live(copy.session(), now);
        }
        long seen = invalidations.get();
        Map<String, byte[]> fields = call("load session", () -> client.redisson().<String, byte[]>getMap(key(id), FIELDS).readAllMap());
        meters.loads.increment();
        Optional<StoredSession> session = readable(id, fields);
        if (session.isEmpty()) {
            local.remove(id);
            return session;
        }
        if (settings.localCopy() && invalidations.get() == seen) {
            remember(session.get());
        }
        return live(session.get(), now);
    }

    /**
     * Writes what a request changed: one round trip (a batch), none when it changed nothing.
     *
     * @return the session's new version, or 0 when nothing was written
     */
    public long save(SessionWrite write) {
        if (write.isEmpty()) {
            return 0;
        }
        StoredSession session = write.session();
        BatchResult<?> result = call("store session", () -> executeLoadingScripts(() -> writeBatch(write)));
        long version = ((Number) result.getResponses().get(0)).longValue();
        meters.writes.increment();
        if (write.previousId() != null) {
            local.remove(write.previousId());
        }
        if (settings.localCopy()) {
            remember(session.withVersion(version));
        }
        return version;
    }

    /** One write as one batch: the write script, the indexes, the old id's removal, the invalidation. */
    private RBatch writeBatch(SessionWrite write) {
        StoredSession session = write.session();
        boolean full = write.isNew() || write.previousId() != null;
        RBatch batch = client.redisson().createBatch();
        Map<String, byte[]> fields = new HashMap<>();
        (full ? session.attributes() : write.put()).forEach((name, bytes) -> fields.put(ATTRIBUTE + name, bytes));
        if (write.touch() || full) {
            fields.putAll(meta(session));
        }
        List<Object> arguments = new ArrayList<>();
        // Also on writes that do not touch: a write into a hash that was deleted meanwhile must not live forever.
        arguments.add(utf8(Long.toString(ttl(session).toMillis())));
        arguments.add(utf8(Integer.toString(fields.size())));
        fields.forEach((field, value) -> {
            arguments.add(utf8(field));
            arguments.add(value);
        });
        if (!full) {
            write.removed().forEach(name -> arguments.add(utf8(ATTRIBUTE + name)));
        }
        String key = key(session.id());
        batch.getScript(ByteArrayCodec.INSTANCE).evalAsync(key, RScript.Mode.READ_WRITE, WRITE, RScript.ReturnType.LONG,
                List.of(key), arguments.toArray());
        if (write.touch() || full) {
            index(batch, session);
            String oldPrincipal = write.previous() == null ? null : write.previous().principal();
            if (oldPrincipal != null && (!oldPrincipal.equals(session.principal()) || write.previousId() != null)) {
                batch.getScoredSortedSet(principalKey(oldPrincipal), StringCodec.INSTANCE).removeAsync(write.previous().id());
            }
        }
        if (write.previousId() != null) {
            batch.getMap(key(write.previousId()), FIELDS).deleteAsync();
            batch.getScoredSortedSet(expiriesKey(), StringCodec.INSTANCE).removeAsync(write.previousId());
        }
        if (!write.isNew() && changes != null) {
            batch.getTopic(prefix + "changes", StringCodec.INSTANCE)
                    .publishAsync(node + " " + (write.previousId() != null ? write.previousId() : session.id()));
        }
        return batch;
    }

    /**
     * Executes a batch that runs the write script. Inside a batch Redisson sends {@code EVALSHA} and does not fall
     * back to {@code EVAL}: a Redis that lost its scripts (a restart, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}.
     * The script is then loaded and the batch, built anew, sent once more.
     */
    private BatchResult<?> executeLoadingScripts(Supplier<RBatch> batch) {
        try {
            return batch.get().execute();
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            client.redisson().getScript().scriptLoad(WRITE);
            return batch.get().execute();
        }
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisNoScriptException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes a session and its index entries, and tells the other nodes. */
    public void delete(StoredSession session) {
        call("delete session", () -> {
            // built only once the circuit lets it go: adding to a batch already encodes into pooled buffers
            RBatch batch = client.redisson().createBatch();
            batch.getMap(key(session.id()), FIELDS).deleteAsync();
            batch.getScoredSortedSet(expiriesKey(), StringCodec.INSTANCE).removeAsync(session.id());
            if (session.principal() != null) {
                batch.getScoredSortedSet(principalKey(session.principal()), StringCodec.INSTANCE).removeAsync(session.id());
            }
            if (changes != null) {
                batch.getTopic(prefix + "changes", StringCodec.INSTANCE).publishAsync(node + " " + session.id());
            }
            return batch.execute();
        });
        local.remove(session.id());
    }

    /** Takes up to {@code max} sessions due to expire by {@code now} off the expiry index; no other node gets them. */
    public List<String> claimExpired(long nowMillis, int max) {
        return call("claim expired sessions", () -> client.redisson().getScript(StringCodec.INSTANCE).eval(expiriesKey(),
                RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.LIST, List.of(expiriesKey()),
                Long.toString(nowMillis), Integer.toString(max)));
    }

    /** Loads sessions as stored, expired or not, skipping those that are gone. */
    public Map<String, StoredSession> loadAll(Collection<String> ids) {
        BatchResult<?> results = call("load sessions", () -> {
            RBatch batch = client.redisson().createBatch();
            ids.forEach(id -> batch.getMap(key(id), FIELDS).readAllMapAsync());
            return batch.execute();
        });
        Map<String, StoredSession> sessions = new LinkedHashMap<>();
        int i = 0;
        for (String id : ids) {
            @SuppressWarnings("unchecked")
            Map<String, byte[]> fields = (Map<String, byte[]>) results.getResponses().get(i++);
            readable(id, fields).ifPresent(session -> sessions.put(id, session));
        }
        return sessions;
    }

    /** The ids in a principal's index, least recently used first. */
    public List<String> sessionIdsOf(String principal) {
        Collection<ScoredEntry<String>> entries = call("read principal index",
                () -> client.redisson().<String>getScoredSortedSet(principalKey(principal), StringCodec.INSTANCE).entryRange(0, -1));
        return entries.stream().map(ScoredEntry::getValue).toList();
    }

    /** Drops ids of sessions that are gone from a principal's index. */
    public void unindex(String principal, Collection<String> ids) {
        if (!ids.isEmpty()) {
            call("prune principal index", () -> client.redisson().getScoredSortedSet(principalKey(principal), StringCodec.INSTANCE)
                    .removeAll(ids));
        }
    }

    String key(String id) {
        return prefix + "{" + id + "}";
    }

    String expiriesKey() {
        return prefix + "expiries";
    }

    String principalKey(String principal) {
        return prefix + "principal:{" + RedisKeys.hashTagSafe(principal) + "}";
    }

    private void index(RBatch batch, StoredSession session) {
        if (session.maxInactiveSeconds() > 0) {
            batch.getScoredSortedSet(expiriesKey(), StringCodec.INSTANCE).addAsync(session.expiresAt(), session.id());
        }
        if (session.principal() != null) {
            String principalKey = principalKey(session.principal());
            batch.getScript(StringCodec.INSTANCE).evalAsync(principalKey, RScript.Mode.READ_WRITE, INDEX,
                    RScript.ReturnType.LONG, List.of(principalKey), Long.toString(session.accessed()), session.id(),
                    Long.toString(ttl(session).toMillis()));
        }
    }

    private static Duration ttl(StoredSession session) {
        return session.maxInactiveSeconds() > 0
                ? Duration.ofSeconds(session.maxInactiveSeconds()).plus(SWEEP_GRACE) : NEVER_EXPIRING;
    }

    private static Map<String, byte[]> meta(StoredSession session) {
        Map<String, byte[]> meta = new HashMap<>();
        meta.put(CREATED, utf8(Long.toString(session.created())));
        meta.put(ACCESSED, utf8(Long.toString(session.accessed())));
        meta.put(TIMEOUT, utf8(Integer.toString(session.maxInactiveSeconds())));
        meta.put(PRINCIPAL, utf8(session.principal() == null ? "" : session.principal()));
        meta.put(LOGIN, utf8(session.login() == null ? ""
                : "login" + session.login().groups().stream().sorted().map(group -> "\n" + group).collect(Collectors.joining())));
        meta.put(ADDRESS, utf8(session.address() == null ? "" : session.address()));
        meta.put(AGENT, utf8(session.userAgent() == null ? "" : session.userAgent()));
        return meta;
    }

    /**
     * The session, or none when the hash is not one RedisEE wrote (or is damaged): the request then goes on as one
     * without a session, never with an error.
     */
    private Optional<StoredSession> readable(String id, Map<String, byte[]> fields) {
        try {
            return parse(id, fields);
        } catch (SessionDataException e) {
            LOG.warning(e.getMessage() + "; it is treated as no session and left in Redis as it is");
            return Optional.empty();
        }
    }

    /** A hash without its creation time is a fragment left by a write racing a delete: it is no session. */
    private static Optional<StoredSession> parse(String id, Map<String, byte[]> fields) {
        if (fields == null || !fields.containsKey(CREATED)) {
            return Optional.empty();
        }
        Map<String, byte[]> attributes = new HashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(ATTRIBUTE)) {
                attributes.put(field.substring(ATTRIBUTE.length()), value);
            }
        });
        try {
            return Optional.of(new StoredSession(id, Long.parseLong(text(fields.get(CREATED))),
                    Long.parseLong(text(fields.get(ACCESSED))), Integer.parseInt(text(fields.get(TIMEOUT))),
                    blankToNull(fields.get(PRINCIPAL)), login(blankToNull(fields.get(PRINCIPAL)), fields.get(LOGIN)), blankToNull(fields.get(ADDRESS)),
                    blankToNull(fields.get(AGENT)),
                    attributes, fields.containsKey(VERSION) ? Long.parseLong(text(fields.get(VERSION))) : 0));
        } catch (RuntimeException e) {
            throw new SessionDataException("Session " + id + " has unreadable times in Redis: " + e);
        }
    }

    private static Optional<StoredSession> live(StoredSession session, long now) {
        return session.expiredAt(now) ? Optional.empty() : Optional.of(session);
    }

    private void remember(StoredSession session) {
        if (local.size() >= settings.localCopyMaxEntries()) {
            // Over the bound: drop about a tenth, whichever come first; they are re-read when next used.
            var ids = local.keySet().iterator();
            for (int drop = Math.max(1, settings.localCopyMaxEntries() / 10); drop > 0 && ids.hasNext(); drop--) {
                ids.next();
                ids.remove();
            }
        }
        local.put(session.id(), new LocalCopy(session, System.nanoTime()));
    }

    private <T> T call(String what, Supplier<T> action) {
        if (client.circuit().isOpen()) {
            meters.errors.increment();
            throw new SessionStoreUnavailableException("Cannot " + what + ": Redis is unavailable ("
                    + client.circuit().reason() + ")", null);
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            meters.errors.increment();
            if (client.circuit().recordFailure(e)) {
                throw new SessionStoreUnavailableException("Cannot " + what + ": " + RedisCircuit.describe(e), e);
            }
            throw e;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static SessionLogin login(String principal, byte[] bytes) {
        String text = blankToNull(bytes);
        if (text == null || principal == null) {
            return null;
        }
        List<String> lines = List.of(text.split("\n"));
        return new SessionLogin(principal, java.util.Set.copyOf(lines.subList(1, lines.size())));
    }

    private static String blankToNull(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? null : text(bytes);
    }
}
