package org.redisee.reliability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.redisee.cache.Cached;
import org.redisee.event.RedisTopic;
import org.redisee.ratelimit.RateLimitName;
import org.redisee.ratelimit.RateLimited;
import org.redisee.ratelimit.RateLimiter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The beans of the application under test: a cached method, a rate-limited one, and a reliable topic's two ends. */
final class ReliabilityApp {

    /** The cache, the limit and the topic the tests use. */
    static final String CACHE = "prices";
    static final String LIMIT = "api";
    static final String STRICT_LIMIT = "strict";
    static final String TOPIC = "orders";

    private ReliabilityApp() {
    }

    @ApplicationScoped
    public static class Shop {
        private final AtomicLong priceRuns = new AtomicLong();

        @Inject
        @RateLimitName(LIMIT)
        RateLimiter limiter;

        @Cached(cache = CACHE)
        public String price(String sku) {
            priceRuns.incrementAndGet();
            return sku + ":42";
        }

        /** Runs of {@link #price}'s body: a call that does not add one was a cache hit. */
        public long priceRuns() {
            return priceRuns.get();
        }

        /** Generous enough never to reject while Redis decides: a rejection would come from fail-closed. */
        @RateLimited(name = LIMIT, limit = 1_000_000, window = "PT1M")
        public String search() {
            return "results";
        }

        /** The same, under a limit configured with {@code fail-open=false}. */
        @RateLimited(name = STRICT_LIMIT, limit = 1_000_000, window = "PT1M")
        public String strictSearch() {
            return "results";
        }

        /** Whether Redis decides {@link #search}'s limit now (false while its fail-open setting decides). */
        public boolean limitDecided() {
            return limiter.status("-").decided();
        }
    }

    /** The publishing node's end of the topic. */
    @Singleton
    public static class Orders {
        @Inject
        @RedisTopic(TOPIC)
        Event<OrderPlaced> placed;
    }

    /** The receiving node's end: every event it heard, in order. */
    @Singleton
    public static class OrderLog {
        final List<Long> heard = new CopyOnWriteArrayList<>();

        void on(@Observes @RedisTopic(TOPIC) OrderPlaced order) {
            heard.add(order.seq);
        }
    }

    /** The event: JSON-B reads and writes its public fields. */
    public static class OrderPlaced {
        public long seq;

        public OrderPlaced() {
        }

        OrderPlaced(long seq) {
            this.seq = seq;
        }
    }
}
