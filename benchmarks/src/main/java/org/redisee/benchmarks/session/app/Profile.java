package org.redisee.benchmarks.session.app;

import java.io.Serializable;
import java.util.List;

/**
 * The session attribute of the benchmark: what an application typically keeps for a signed-in user. About 300 bytes
 * serialized. A class of the war itself ({@code WEB-INF/classes}), so RedisEE's allow-list reads it without any
 * {@code redisee.session.serial-filter}.
 */
public record Profile(String name, String email, List<String> roles, long since) implements Serializable {
}
