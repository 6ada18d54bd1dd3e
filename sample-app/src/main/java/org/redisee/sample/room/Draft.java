package org.redisee.sample.room;

/** The body of {@code POST /api/rooms/<room>/messages}. */
public record Draft(String text) {
}
