package org.redisee.it.support;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The server JVM's threads as the probe war ({@code GET /probe/api/threads}) reports them: the live thread count,
 * class counts, the heap in use, the names of live threads whose names contain redisson, netty or globalEventExecutor,
 * and the names of all live threads.
 */
public record ThreadSnapshot(int threads, long loadedClasses, long unloadedClasses, long heapUsed, List<String> redisThreads,
                             List<String> allThreads) {

    /** Reads the probe; {@code gc} asks the server to run a garbage collection first. */
    public static ThreadSnapshot read(URL probe, boolean gc) {
        String body = Http.getOk(probe, "api/threads" + (gc ? "?gc=true" : ""));
        int threads = -1;
        long loaded = -1;
        long unloaded = -1;
        long heap = -1;
        List<String> names = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "threads" -> threads = Integer.parseInt(value);
                case "loadedClasses" -> loaded = Long.parseLong(value);
                case "unloadedClasses" -> unloaded = Long.parseLong(value);
                case "heapUsed" -> heap = Long.parseLong(value);
                case "thread" -> names.add(value);
                case "name" -> all.add(value);
                default -> { }
            }
        }
        return new ThreadSnapshot(threads, loaded, unloaded, heap, List.copyOf(names), List.copyOf(all));
    }

    /** The probe's full text with the stack traces of the redisson/netty threads, for failure messages. */
    public static String withStacks(URL probe) {
        return Http.getOk(probe, "api/threads?stacks=true");
    }

    /**
     * Waits until no redisson/netty thread that was not in {@code baseline} is alive; on timeout the failure shows
     * the stack traces of the threads that are left.
     */
    public static ThreadSnapshot awaitNoNewRedisThreads(URL probe, ThreadSnapshot baseline, java.time.Duration bound) {
        try {
            return Poll.until("no new redisson/netty thread", bound, () -> read(probe, false),
                    s -> s.newRedisThreadsSince(baseline).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + withStacks(probe), e);
        }
    }

    /** The redisson/netty threads that are alive now but were not in {@code baseline}. */
    public List<String> newRedisThreadsSince(ThreadSnapshot baseline) {
        return minus(redisThreads, baseline.redisThreads);
    }

    /** All threads alive now whose names were not in {@code baseline} (as many times as they are more now). */
    public List<String> newThreadsSince(ThreadSnapshot baseline) {
        return minus(allThreads, baseline.allThreads);
    }

    private static List<String> minus(List<String> names, List<String> baseline) {
        List<String> extra = new ArrayList<>(names);
        baseline.forEach(extra::remove);
        return extra;
    }

    @Override
    public String toString() {
        return "threads=" + threads + " redisson/netty threads=" + redisThreads.size()
                + (redisThreads.isEmpty() ? "" : " " + redisThreads)
                + " loadedClasses=" + loadedClasses + " unloadedClasses=" + unloadedClasses
                + " heapUsed=" + heapUsed / (1024 * 1024) + " MB";
    }
}
