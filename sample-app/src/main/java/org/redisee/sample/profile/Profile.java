package org.redisee.sample.profile;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.redisee.sample.InvalidInputException;

/**
 * How a user appears to others. Cached as JSON by RedisEE ({@code redisee:cache:profiles:{<name>}}), so it must stay a
 * plain value.
 *
 * @param name        the account name, which never changes
 * @param displayName shown next to messages, 1 to 40 characters
 * @param colour      the avatar's colour, {@code #rrggbb}
 * @param status      a line about the user, at most 80 characters, may be empty
 */
public record Profile(String name, String displayName, String colour, String status) {

    static final int MAX_DISPLAY_NAME = 40;
    static final int MAX_STATUS = 80;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final List<String> PALETTE = List.of(
            "#d94f3d", "#e08e1b", "#3f9c35", "#1f8a8a", "#2f6fdb", "#7a4fd0", "#c2408f", "#6b7280");

    /** A new account's profile: its name, a colour picked from the name, no status. */
    public static Profile defaultsFor(String name) {
        return new Profile(name, name, PALETTE.get(Math.floorMod(name.hashCode(), PALETTE.size())), "");
    }

    /** This profile with the change applied, or the reason the change is refused. */
    public Profile with(ProfileChange change) {
        if (change == null) {
            throw new InvalidInputException("Send a display name, a colour and a status.");
        }
        String newDisplayName = change.displayName() == null ? "" : change.displayName().strip();
        if (newDisplayName.isEmpty() || newDisplayName.codePointCount(0, newDisplayName.length()) > MAX_DISPLAY_NAME) {
            throw new InvalidInputException("A display name has 1 to " + MAX_DISPLAY_NAME + " characters.");
        }
        String newColour = change.colour() == null ? "" : change.colour().toLowerCase(Locale.ROOT);
        if (!COLOUR.matcher(newColour).matches()) {
            throw new InvalidInputException("A colour looks like #3f9c35.");
        }
        String newStatus = change.status() == null ? "" : change.status().strip();
        if (newStatus.codePointCount(0, newStatus.length()) > MAX_STATUS) {
            throw new InvalidInputException("A status has at most " + MAX_STATUS + " characters.");
        }
        return new Profile(name, newDisplayName, newColour, newStatus);
    }
}
