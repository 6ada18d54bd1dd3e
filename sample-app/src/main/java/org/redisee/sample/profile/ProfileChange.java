package org.redisee.sample.profile;

/** The body of {@code PUT /api/profiles/<name>}. */
public record ProfileChange(String displayName, String colour, String status) {
}
