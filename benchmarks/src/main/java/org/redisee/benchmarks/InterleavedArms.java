package org.redisee.benchmarks;

import java.util.Arrays;

/**
 * Per-call times of several arms that run one call each per round, in a random order, so all arms see the same
 * machine state. Used by the {@code Paired*} benchmarks, which print ratios of the arms' percentiles.
 */
final class InterleavedArms {

    static final String[] STATISTICS = {"mean", "p50", "p90", "p99", "p99.9"};
    private static final double[] PERCENTILES = {0.5, 0.9, 0.99, 0.999};

    private final long[][] times;
    private final int[] order;
    private int samples;
    private long seed = 0x9E3779B97F4A7C15L;

    InterleavedArms(int arms, int capacity) {
        times = new long[arms][capacity];
        order = new int[arms];
        for (int arm = 0; arm < arms; arm++) {
            order[arm] = arm;
        }
    }

    /** A fresh random order of the arms (Fisher-Yates); the array is reused. */
    int[] shuffledOrder() {
        for (int k = order.length - 1; k > 0; k--) {
            int j = random(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Records one round: {@code took[arm]} in nanoseconds. */
    void record(long[] took) {
        if (samples < times[0].length) {
            for (int arm = 0; arm < took.length; arm++) {
                times[arm][samples] = took[arm];
            }
            samples++;
        }
    }

    int samples() {
        return samples;
    }

    long[] times(int arm) {
        return Arrays.copyOf(times[arm], samples);
    }

    /** Mean, p50, p90, p99 and p99.9 of an arm, in microseconds. */
    double[] statistics(int arm) {
        long[] x = times(arm);
        double mean = Arrays.stream(x).average().orElse(0) / 1000;
        Arrays.sort(x);
        double[] result = new double[1 + PERCENTILES.length];
        result[0] = mean;
        for (int p = 0; p < PERCENTILES.length; p++) {
            result[p + 1] = x.length == 0 ? Double.NaN
                    : x[(int) Math.min(x.length - 1, Math.ceil(PERCENTILES[p] * x.length) - 1)] / 1000.0;
        }
        return result;
    }

    /** xorshift64: uniform enough for shuffling, and costs nothing next to a round trip. */
    private int random(int bound) {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return (int) Math.floorMod(seed, (long) bound);
    }
}
