package org.redisee.session;

import org.redisee.client.ManagedRedisClient;
import org.redisee.metrics.RedisMetrics;
import org.redisee.serial.SerialAllowList;

import java.net.URL;
import java.security.CodeSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions of one application, apart from the servlet API: finds, creates and saves {@link SessionState}s, runs
 * the expiry sweep once something listens, and ends sessions. The servlet filter and {@link SessionRegistry} use it.
 */
public final class RedisSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisSessions.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_BYTES = 32;
    private static final int ID_LENGTH = 43;

    private final SessionSettings settings;
    private final RedisSessionStore store;
    private final SessionCodec codec;
    private final SessionMeters meters;
    private final SessionRegistry registry = new SessionRegistry(this);
    private final ClassLoader applicationLoader;
    private volatile Consumer<StoredSession> destroyed = session -> { };
    private SessionExpirySweeper sweeper;

    public RedisSessions(SessionSettings settings, ManagedRedisClient client, String keyPrefix, RedisMetrics metrics,
                         ClassLoader applicationLoader) {
        this.settings = settings;
        this.applicationLoader = applicationLoader;
        this.meters = new SessionMeters(metrics);
        this.store = new RedisSessionStore(client, keyPrefix, settings, meters);
        this.codec = new SessionCodec(new SerialAllowList(settings.serialFilter(), "redisee.session.serial-filter",
                type -> isApplicationClass(type, applicationLoader), applicationLoader),
                settings.encryptionKeys().isEmpty() ? null : new SessionEncryption(settings.encryptionKeys()),
                settings.maxAttributeSize());
        store.start();
    }

    public SessionSettings settings() {
        return settings;
    }

    public SessionRegistry registry() {
        return registry;
    }

    RedisSessionStore store() {
        return store;
    }

    /**
     * Starts the expiry sweep; {@code destroyed} hears of every session that ends other than by a request's
     * {@code invalidate()}: by expiry, or through the registry. It runs before the session is deleted.
     */
    public synchronized void onDestroyed(Consumer<StoredSession> destroyed) {
        this.destroyed = destroyed;
        if (sweeper == null) {
            sweeper = new SessionExpirySweeper(store, settings, meters, this::tellDestroyed, applicationLoader);
        }
    }

    /** A new session id: 256 random bits, URL-safe Base64 (43 characters). */
    public static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} has the form of the ids {@link #newId()} makes; nothing else is ever looked up in Redis. */
    static boolean isWellFormedId(String id) {
        return id.length() == ID_LENGTH && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    /** The session with this id, unless it does not exist or has expired; {@code seenVersion} as in the cookie. */
    public Optional<SessionState> find(String id, long seenVersion) {
        return store.load(id, seenVersion).map(stored -> SessionState.loaded(stored, codec, settings, meters));
    }

    public SessionState create(int maxInactiveSeconds) {
        return SessionState.created(newId(), System.currentTimeMillis(), maxInactiveSeconds, codec, settings, meters);
    }

    /**
     * Stores what the request changed, or deletes an invalidated session.
     *
     * @return false when {@code max-per-principal} refused the session, which is then ended
     */
    public boolean save(SessionState state) {
        if (state.invalidated()) {
            if (!state.isNew()) {
                store.delete(state.stored());
            }
            return true;
        }
        String principalBefore = state.storedPrincipal();
        SessionWrite write = state.write(System.currentTimeMillis());
        long version = store.save(write);
        if (version > 0) {
            state.stored(version);
        }
        StoredSession saved = write.session();
        if (saved.principal() != null && !Objects.equals(principalBefore, saved.principal()) && !registry.admit(saved)) {
            LOG.info("Session refused: principal " + saved.principal() + " has redisee.session.max-per-principal="
                    + settings.maxPerPrincipal() + " sessions already");
            end(saved);
            return false;
        }
        return true;
    }

    /** Ends a session, telling the listeners first. */
    void end(StoredSession session) {
        tellDestroyed(session);
        store.delete(session);
    }

    private void tellDestroyed(StoredSession session) {
        try {
            destroyed.accept(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A session listener failed as session " + session.id() + " ended", e);
        }
    }

    /** A state over a stored session, to show listeners a session that is ending. */
    public SessionState view(StoredSession stored) {
        return SessionState.loaded(stored, codec, settings, meters);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
            sweeper = null;
        }
        store.close();
    }

    /**
     * The war's own classes (WEB-INF/classes): loaded by the application's class loader, and not from a jar.
     * Libraries in WEB-INF/lib are allowed only through {@code redisee.session.serial-filter}: gadget chains live
     * in libraries.
     */
    static boolean isApplicationClass(Class<?> type, ClassLoader applicationLoader) {
        if (type.getClassLoader() != applicationLoader || applicationLoader == null) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return false;
        }
        String path = location.toString();
        return !path.endsWith(".jar") && !path.endsWith(".jar/") && !path.contains(".jar!");
    }
}
