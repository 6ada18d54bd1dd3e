package org.redisee.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cached calls over a fixed set of keys, filled first: afterwards a call that runs the method body was answered
 * without Redis (the cache failed open), and one that does not was a hit served by Redis.
 */
final class CachedPrices implements Load.Operation {

    private final ReliabilityApp.Shop shop;
    private final int keys;
    private int i;

    CachedPrices(ReliabilityApp.Shop shop, int keys) {
        this.shop = shop;
        this.keys = keys;
        for (int k = 0; k < keys; k++) {
            shop.price("sku" + k);
        }
    }

    @Override
    public boolean call() {
        String sku = "sku" + (i++ % keys);
        long runs = shop.priceRuns();
        assertEquals(sku + ":42", shop.price(sku));
        return shop.priceRuns() == runs;
    }
}
