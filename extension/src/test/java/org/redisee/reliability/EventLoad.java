package org.redisee.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires numbered events on one node and checks what another node heard: an event whose {@code fire} returned (Redis
 * took it, with {@code confirm=true}) and that never arrives is lost; one whose {@code fire} threw was reported to its
 * caller, though it may still arrive (Redis took it, and the answer was lost).
 */
final class EventLoad implements Load.Operation {

    private final ReliabilityApp.Orders orders;
    private final ReliabilityApp.OrderLog log;
    private final AtomicLong seq = new AtomicLong();
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();

    EventLoad(ReliabilityApp.Orders orders, ReliabilityApp.OrderLog log) {
        this.orders = orders;
        this.log = log;
    }

    @Override
    public boolean call() {
        long n = seq.incrementAndGet();
        try {
            orders.placed.fire(new ReliabilityApp.OrderPlaced(n));
        } catch (RuntimeException e) {
            failed.add(n);
            throw e;
        }
        confirmed.add(n);
        return true;
    }

    long fired() {
        return seq.get();
    }

    /** Waits until every confirmed event has arrived; false on timeout. */
    boolean awaitDelivered(Duration timeout) {
        return Load.await(timeout, () -> lost() == 0);
    }

    long lost() {
        return missing().size();
    }

    private Set<Long> missing() {
        Set<Long> missing = new HashSet<>(confirmed);
        missing.removeAll(log.heard);
        return missing;
    }

    /** The lost events as ranges of numbers, for a failure message. */
    String lostRanges() {
        List<Long> sorted = missing().stream().sorted().toList();
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            ranges.append(ranges.length() == 0 ? "" : ", ").append(sorted.get(i)).append(i == j ? "" : "-" + sorted.get(j));
            i = j;
        }
        return ranges + " (of 1-" + seq.get() + "; heard last " + (log.heard.isEmpty() ? "none" : log.heard.get(log.heard.size() - 1)) + ")";
    }

    long duplicates() {
        return log.heard.size() - new HashSet<>(log.heard).size();
    }

    /** Events whose fire threw, yet which arrived. */
    long failedButDelivered() {
        Set<Long> delivered = new HashSet<>(failed);
        delivered.retainAll(log.heard);
        return delivered.size();
    }

    /** Whether the events arrived in the order they were fired. */
    boolean inOrder() {
        long previous = 0;
        for (long n : log.heard) {
            if (n < previous) {
                return false;
            }
            previous = n;
        }
        return true;
    }
}
