package org.redisee.sample.account;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.redisee.sample.ChatKeys;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.profile.Profile;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Accounts, one Redis hash each ({@code chat:users:<name>}): the password hash and the profile. Accounts are the
 * chat's only keys without an expiry: they last until someone deletes them.
 */
public final class Accounts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,23}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 200;
    private static final String PASSWORD = "password";
    private static final String DISPLAY_NAME = "display-name";
    private static final String COLOUR = "colour";
    private static final String STATUS = "status";

    private final RedissonClient redis;
    private final ChatKeys keys;
    private final PasswordHasher hasher;
    /** Checked when a name is unknown, so that the time a login takes does not tell which names exist. */
    private final String unknownUserHash;

    public Accounts(RedissonClient redis, ChatKeys keys, PasswordHasher hasher) {
        this.redis = redis;
        this.keys = keys;
        this.hasher = hasher;
        this.unknownUserHash = hasher.hash("no account has this password");
    }

    /** The name, if it is a valid account name. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("User names have 2 to 24 characters: lowercase letters, digits, - and _,"
                    + " starting with a letter or digit.");
        }
        return name;
    }

    /** Creates the account with a default profile; false when the name is taken. */
    public boolean register(String name, String password) {
        requireValidName(name);
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidInputException("Passwords have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
        }
        RMap<String, String> user = user(name);
        if (!user.fastPutIfAbsent(PASSWORD, hasher.hash(password))) {
            return false;
        }
        user.putAll(fields(Profile.defaultsFor(name)));
        return true;
    }

    public boolean verify(String name, String password) {
        String stored = user(name).get(PASSWORD);
        boolean matches = hasher.matches(password == null ? "" : password, stored == null ? unknownUserHash : stored);
        return stored != null && matches;
    }

    public Optional<Profile> profile(String name) {
        Map<String, String> fields = user(name).getAll(Set.of(DISPLAY_NAME, COLOUR, STATUS));
        if (!fields.containsKey(DISPLAY_NAME)) {
            return Optional.empty();
        }
        return Optional.of(new Profile(name, fields.get(DISPLAY_NAME), fields.get(COLOUR),
                fields.getOrDefault(STATUS, "")));
    }

    public Profile saveProfile(Profile profile) {
        user(profile.name()).putAll(fields(profile));
        return profile;
    }

    private static Map<String, String> fields(Profile profile) {
        return Map.of(DISPLAY_NAME, profile.displayName(), COLOUR, profile.colour(), STATUS, profile.status());
    }

    private RMap<String, String> user(String name) {
        return redis.getMap(keys.user(name), StringCodec.INSTANCE);
    }
}
