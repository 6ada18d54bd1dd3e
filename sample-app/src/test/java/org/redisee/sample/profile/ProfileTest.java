package org.redisee.sample.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.redisee.sample.InvalidInputException;

class ProfileTest {

    private final Profile ada = Profile.defaultsFor("ada");

    @Test
    void aNewAccountShowsItsNameInAStableColour() {
        assertEquals("ada", ada.displayName());
        assertEquals("", ada.status());
        assertTrue(ada.colour().matches("#[0-9a-f]{6}"));
        assertEquals(ada, Profile.defaultsFor("ada"));
    }

    @Test
    void refusesInvalidChanges() {
        assertThrows(InvalidInputException.class, () -> ada.with(null));
        assertThrows(InvalidInputException.class, () -> ada.with(new ProfileChange("  ", "#000000", "")));
        assertThrows(InvalidInputException.class, () -> ada.with(new ProfileChange("x".repeat(41), "#000000", "")));
        assertThrows(InvalidInputException.class, () -> ada.with(new ProfileChange("Ada", "red", "")));
        assertThrows(InvalidInputException.class, () -> ada.with(new ProfileChange("Ada", "#000000", "x".repeat(81))));
        assertEquals(new Profile("ada", "Ada", "#000000", ""), ada.with(new ProfileChange("Ada", "#000000", null)));
    }
}
