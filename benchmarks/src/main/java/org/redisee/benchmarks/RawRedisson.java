package org.redisee.benchmarks;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The baseline: a plain Redisson client configured like the extension's default client (StringCodec, 8 + 8
 * threads, 32 connections with 4 idle, script cache, RESP2, connected at start), so differences come from the
 * interceptor path, not from client settings.
 */
final class RawRedisson {

    private RawRedisson() {
    }

    static RedissonClient create(String url) {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setThreads(8);
        config.setNettyThreads(8);
        config.setUseScriptCache(true);
        config.useSingleServer()
                .setAddress(url)
                .setConnectTimeout(10_000)
                .setTimeout(3_000)
                .setConnectionPoolSize(32)
                .setConnectionMinimumIdleSize(4)
                .setSubscriptionConnectionPoolSize(16)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setClientName("raw-baseline");
        return Redisson.create(config);
    }
}
