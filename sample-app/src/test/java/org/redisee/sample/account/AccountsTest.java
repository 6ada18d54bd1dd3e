package org.redisee.sample.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.RealRedis;
import org.redisee.sample.profile.Profile;
import org.redisee.sample.profile.ProfileChange;
import org.redisson.client.codec.StringCodec;

class AccountsTest extends RealRedis {

    private final Accounts accounts = new Accounts(redis, keys, new PasswordHasher());

    @Test
    void registersOnceWithAHashedPasswordAndADefaultProfile() {
        assertTrue(accounts.register("ada", "analytical engine"));
        assertFalse(accounts.register("ada", "another password"));

        Map<String, String> stored = redis.<String, String>getMap(keys.user("ada"), StringCodec.INSTANCE).readAllMap();
        assertTrue(stored.get("password").startsWith("pbkdf2-sha256$"));
        assertFalse(stored.containsValue("analytical engine"));
        assertTrue(accounts.verify("ada", "analytical engine"));
        assertFalse(accounts.verify("ada", "another password"));
        assertFalse(accounts.verify("nobody", "analytical engine"));
        assertEquals(Optional.of(Profile.defaultsFor("ada")), accounts.profile("ada"));
        assertEquals(Optional.empty(), accounts.profile("nobody"));
    }

    @Test
    void refusesBadNamesAndPasswordsWithoutWriting() {
        assertThrows(InvalidInputException.class, () -> accounts.register("Ada", "long enough"));
        assertThrows(InvalidInputException.class, () -> accounts.register("a", "long enough"));
        assertThrows(InvalidInputException.class, () -> accounts.register("ada/x", "long enough"));
        assertThrows(InvalidInputException.class, () -> accounts.register("grace", "short"));
        assertThrows(InvalidInputException.class, () -> accounts.register("grace", null));
        assertFalse(redis.getKeys().getKeysByPattern(keys.prefix() + "*").iterator().hasNext());
    }

    @Test
    void savesAProfileChange() {
        accounts.register("grace", "compiler first");
        Profile changed = accounts.profile("grace").orElseThrow()
                .with(new ProfileChange("  Grace H. ", "#3F9C35", "debugging"));

        accounts.saveProfile(changed);

        assertEquals(Optional.of(new Profile("grace", "Grace H.", "#3f9c35", "debugging")), accounts.profile("grace"));
        assertTrue(accounts.verify("grace", "compiler first"), "the password is untouched");
    }
}
