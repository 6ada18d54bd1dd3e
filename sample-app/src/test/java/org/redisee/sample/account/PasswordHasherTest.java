package org.redisee.sample.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void storesASaltedHashThatOnlyTheRightPasswordMatches() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");

        String[] parts = first.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1]);
        assertFalse(first.contains("correct horse"));
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(hasher.matches("correct horse", first));
        assertTrue(hasher.matches("correct horse", second));
        assertFalse(hasher.matches("correct horse!", first));
        assertFalse(hasher.matches("", first));
    }

    @Test
    void anythingElseStoredNeverMatches() {
        assertFalse(hasher.matches("secret", "secret"));
        assertFalse(hasher.matches("secret", "md5$1$abc$def"));
        assertFalse(hasher.matches("secret", ""));
    }
}
