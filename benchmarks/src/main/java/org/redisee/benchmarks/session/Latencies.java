package org.redisee.benchmarks.session;

/**
 * A latency histogram in microseconds, allocation-free to record: exact below 1,024 µs, then 64 buckets per power
 * of two (within 1.6 %), up to about 70 s. One per client thread and arm; merged for the report.
 */
final class Latencies {

    private static final int SUB = 64;
    private static final int EXACT = 1024;
    private static final int POWERS = 17; // 2^10 .. 2^26 µs
    private final long[] counts = new long[EXACT + POWERS * SUB];
    private long total;
    private double sumMicros;

    void record(long nanos) {
        long micros = nanos / 1000;
        counts[bucket(micros)]++;
        total++;
        sumMicros += nanos / 1000.0;
    }

    private static int bucket(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros); // >= 10
        if (power - 10 >= POWERS) {
            return EXACT + POWERS * SUB - 1;
        }
        int sub = (int) ((micros - (1L << power)) * SUB >> power);
        return EXACT + (power - 10) * SUB + sub;
    }

    /** The smallest value of a bucket, in µs. */
    private static double lowest(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int power = (bucket - EXACT) / SUB + 10;
        int sub = (bucket - EXACT) % SUB;
        return (1L << power) + (double) sub * (1L << power) / SUB;
    }

    void add(Latencies other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sumMicros += other.sumMicros;
    }

    long count() {
        return total;
    }

    double mean() {
        return total == 0 ? Double.NaN : sumMicros / total;
    }

    /** The value at quantile q (0..1), in µs. */
    double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return lowest(i);
            }
        }
        return lowest(counts.length - 1);
    }
}
