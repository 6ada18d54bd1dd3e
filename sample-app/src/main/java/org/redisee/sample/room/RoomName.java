package org.redisee.sample.room;

/** The body of {@code POST /api/rooms}, and its answer. */
public record RoomName(String name) {
}
