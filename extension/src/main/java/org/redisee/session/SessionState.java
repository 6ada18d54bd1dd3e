package org.redisee.session;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of one session, apart from the servlet API: attributes are deserialized when first read, changes
 * are recorded, and {@link #write} says what to store. An attribute that cannot be read (a refused class, a key no
 * longer configured) reads as absent, is logged and counted, and stays in Redis untouched.
 */
public final class SessionState {

    private final SessionCodec codec;
    private final SessionSettings.SaveMode saveMode;
    private final long touchMillis;
    private final SessionMeters meters;
    private StoredSession stored;
    private String id;
    private String previousId;
    private final long created;
    private int maxInactiveSeconds;
    private String principal;
    private SessionLogin login;
    private String address;
    private String userAgent;
    /** Stored forms of the attributes not changed in this request. */
    private final Map<String, byte[]> storedForms;
    /** Attributes read or set in this request. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** The serialized form each read attribute had, to see whether it changed in place. */
    private final Map<String, byte[]> readForms = new HashMap<>();
    private final Set<String> set = new LinkedHashSet<>();
    private final Set<String> removed = new HashSet<>();
    private final Set<String> unreadable = new HashSet<>();
    private boolean invalidated;

    private SessionState(SessionCodec codec, SessionSettings settings, SessionMeters meters, StoredSession stored,
                         String id, long created, int maxInactiveSeconds) {
        this.codec = codec;
        this.saveMode = settings.saveMode();
        this.touchMillis = settings.touchInterval().toMillis();
        this.meters = meters;
        this.stored = stored;
        this.id = id;
        this.created = created;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.storedForms = stored == null ? new HashMap<>() : new HashMap<>(stored.attributes());
        if (stored != null) {
            principal = stored.principal();
            login = stored.login();
            address = stored.address();
            userAgent = stored.userAgent();
        }
    }

    static SessionState loaded(StoredSession stored, SessionCodec codec, SessionSettings settings, SessionMeters meters) {
        return new SessionState(codec, settings, meters, stored, stored.id(), stored.created(), stored.maxInactiveSeconds());
    }

    static SessionState created(String id, long now, int maxInactiveSeconds, SessionCodec codec, SessionSettings settings,
                                SessionMeters meters) {
        meters.created.increment();
        return new SessionState(codec, settings, meters, null, id, now, maxInactiveSeconds);
    }

    public String id() {
        return id;
    }

    public long created() {
        return created;
    }

    /** The last access as stored; within a touch interval of the true one. */
    public long accessed() {
        return stored == null ? created : stored.accessed();
    }

    public boolean isNew() {
        return stored == null;
    }

    public boolean invalidated() {
        return invalidated;
    }

    public int maxInactiveSeconds() {
        return maxInactiveSeconds;
    }

    public void maxInactiveSeconds(int seconds) {
        maxInactiveSeconds = seconds;
    }

    public String principal() {
        return principal;
    }

    /** The principal as Redis has it, before this request's changes. */
    String storedPrincipal() {
        return stored == null ? null : stored.principal();
    }

    /** The session as Redis has it; null when new. */
    StoredSession stored() {
        return stored;
    }

    /** The version Redis gave the last write; 0 before the first. */
    long version() {
        return stored == null ? 0 : stored.version();
    }

    void stored(long version) {
        stored = stored.withVersion(version);
    }

    /** The login a {@link RedisSessionLogin} mechanism established; null otherwise. */
    public SessionLogin login() {
        return login;
    }

    /**
     * Who the session belongs to, and where from; written with the next touch.
     *
     * @param newLogin what a {@link RedisSessionLogin} mechanism established in this request, or null: an earlier
     *                 login is then kept while the principal stays the same
     */
    public void owner(String principal, SessionLogin newLogin, String address, String userAgent) {
        if (newLogin != null && newLogin.principal().equals(principal)) {
            login = newLogin;
        } else if (login != null && !login.principal().equals(principal)) {
            login = null; // logged out, or another user
        }
        this.principal = principal;
        this.address = address;
        this.userAgent = userAgent;
    }

    public Object getAttribute(String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        byte[] form = storedForms.get(name);
        if (form == null || unreadable.contains(name)) {
            return null;
        }
        try {
            SessionCodec.Decoded decoded = codec.decode(name, form);
            values.put(name, decoded.value());
            readForms.put(name, decoded.serialized());
            return decoded.value();
        } catch (SessionDataException e) {
            unreadable.add(name);
            meters.refused.increment();
            return null;
        }
    }

    /** The names of the attributes that can be read: each is read now, to know. */
    public Set<String> attributeNames() {
        storedForms.keySet().forEach(this::getAttribute);
        Set<String> names = new LinkedHashSet<>(storedForms.keySet());
        names.addAll(values.keySet());
        names.removeAll(unreadable);
        return Collections.unmodifiableSet(names);
    }

    /**
     * @throws IllegalArgumentException for a value that is not {@link Serializable}, or larger serialized than
     *                                  {@code redisee.session.max-attribute-size}: here, where the application can
     *                                  see it, rather than when the request ends
     */
    public void setAttribute(String name, Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("Session attribute '" + name + "' must be Serializable to be stored in"
                    + " Redis, but " + value.getClass().getName() + " is not");
        }
        codec.serialize(name, value);
        values.put(name, value);
        unreadable.remove(name);
        set.add(name);
        removed.remove(name);
    }

    /** @return whether there was such an attribute */
    public boolean removeAttribute(String name) {
        boolean existed = values.remove(name) != null | storedForms.remove(name) != null;
        set.remove(name);
        readForms.remove(name);
        unreadable.remove(name);
        if (existed) {
            removed.add(name);
        }
        return existed;
    }

    public void invalidate() {
        invalidated = true;
    }

    public void changeId(String newId) {
        if (previousId == null && stored != null) {
            previousId = id;
        }
        id = newId;
    }

    /**
     * What to store after the request, or an empty write when nothing changed and the last touch is recent. The
     * state then counts as stored: a later call writes only later changes.
     */
    SessionWrite write(long now) {
        Map<String, byte[]> put = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attribute : values.entrySet()) {
            String name = attribute.getKey();
            boolean wasSet = set.contains(name);
            if (!wasSet && saveMode == SessionSettings.SaveMode.ON_SET_ATTRIBUTE) {
                continue;
            }
            byte[] serialized = codec.serialize(name, attribute.getValue());
            if (wasSet || saveMode == SessionSettings.SaveMode.ALWAYS || !Arrays.equals(serialized, readForms.get(name))) {
                put.put(name, codec.seal(name, serialized));
                readForms.put(name, serialized);
            }
        }
        Map<String, byte[]> forms = new HashMap<>(storedForms);
        forms.putAll(put);
        boolean ownerChanged = stored == null || !java.util.Objects.equals(principal, stored.principal())
                || !java.util.Objects.equals(login, stored.login());
        boolean touch = stored == null || previousId != null || ownerChanged
                || maxInactiveSeconds != stored.maxInactiveSeconds() || now - stored.accessed() >= touchMillis;
        StoredSession after = new StoredSession(id, created, touch ? now : stored.accessed(), maxInactiveSeconds,
                principal, login, address, userAgent, forms, stored == null ? 0 : stored.version());
        SessionWrite write = new SessionWrite(after, stored, previousId, touch, put, Set.copyOf(removed));
        stored = after;
        storedForms.putAll(put);
        previousId = null;
        set.clear();
        removed.clear();
        return write;
    }
}
