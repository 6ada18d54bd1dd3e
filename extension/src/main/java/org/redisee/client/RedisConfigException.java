package org.redisee.client;

import java.util.List;

/**
 * Invalid RedisEE configuration. The message names every bad key, its value, and what would be valid,
 * so that a failed deployment says exactly what to fix.
 */
public class RedisConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public RedisConfigException(List<String> problems) {
        super(problems.size() == 1
                ? "Invalid RedisEE configuration: " + problems.get(0)
                : "Invalid RedisEE configuration (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, one line each. */
    public List<String> problems() {
        return problems;
    }
}
