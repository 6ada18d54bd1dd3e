package org.redisee.sample.room;

import java.time.Instant;

/** An active room and when someone last wrote in it (or created it). */
public record Room(String name, Instant lastActivity) {
}
