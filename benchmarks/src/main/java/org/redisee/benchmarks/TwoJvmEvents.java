package org.redisee.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.redisee.TestContainer;
import org.redisee.event.RedisTopic;
import org.redisee.testing.RedisServers;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * CDI events across two JVMs ({@code @RedisTopic}) against raw Redisson {@code RTopic} with the same payload, in one
 * run. This process is node A, the publisher; node B, a second {@code java} process on the same class path
 * ({@link SecondJvm}), observes. Both use the extension's Redisson client on one {@code redis-server}.
 * <ul>
 *   <li><b>RedisEE arm</b>: A calls {@code @Inject @RedisTopic("bench-events") Event<EventPayload>.fire(e)}; B's
 *       {@code @Observes @RedisTopic("bench-events") EventPayload} observer records it (on RedisEE's event thread).</li>
 *   <li><b>Raw arm</b>: A calls {@code RTopic.publish(jsonb.toJson(e))} (StringCodec, synchronous like the bridge's
 *       publish) on {@code bench:raw:events}; B's {@code RTopic} listener decodes it with JSON-B and records it.</li>
 * </ul>
 * Measurements, the arms interleaved in a random order in each round:
 * <ol>
 *   <li><b>Flood</b>: {@code floodEvents} events as fast as 1 (and 4) publisher threads can fire them, on the default
 *       topic and on one with {@code confirm=false} (fire returns once the event is queued; pipelined); events per
 *       second received at B (first publish at A to last arrival at B), whether each publisher's events arrived in
 *       order, and how many were lost. For reference, also raw {@code RTopic.publishAsync} from 1 thread: what
 *       pipelined publishing (not waiting for each reply, as {@code fire} does) would give.</li>
 *   <li><b>Paced one-way latency</b>: 1 event per ms, in blocks of 100 per arm; latency = B's {@code System.nanoTime()}
 *       on arrival in the observer minus A's just before {@code fire}/{@code publish}. On Linux both JVMs read the
 *       same {@code CLOCK_MONOTONIC}; the harness checks it at start (A's before &le; B's &le; A's after).</li>
 *   <li><b>Ping-pong</b>: A fires, B's observer fires the event back on a second topic, A's observer notes the
 *       arrival; round trip on A's clock alone.</li>
 * </ol>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.redisee.benchmarks.TwoJvmEvents [floodEvents] [rounds]
 * [pacedEvents] [pings]}.
 */
public final class TwoJvmEvents {

    static final String TOPIC = "bench-events";
    static final String PONG_TOPIC = "bench-events-pong";
    /** The same events on a topic with {@code confirm=false}: {@code fire} returns once the event is queued. */
    static final String QUEUED_TOPIC = "bench-events-queued";
    static final String RAW = "bench:raw:events";
    static final String RAW_PONG = "bench:raw:events-pong";
    static final int REDISEE = 0;
    static final int RAW_ARM = 1;
    static final int QUEUED_ARM = 2;
    static final String[] ARMS = {"RedisEE @RedisTopic", "raw RTopic", "RedisEE, confirm=false"};
    private static final int BLOCK = 100;

    private TwoJvmEvents() {
    }

    /** Node A's bean: fires the events, hears the pongs. */
    @ApplicationScoped
    public static class Sender {
        @Inject
        @RedisTopic(TOPIC)
        Event<EventPayload> events;

        @Inject
        @RedisTopic(QUEUED_TOPIC)
        Event<EventPayload> queued;

        /** The injected {@code Event} itself (a field read through the client proxy would be the proxy's). */
        Event<EventPayload> events() {
            return events;
        }

        Event<EventPayload> queued() {
            return queued;
        }

        void pong(@Observes @RedisTopic(PONG_TOPIC) EventPayload pong) {
            Pongs.arrive(REDISEE, pong);
        }
    }

    /** Node B's bean: records the events, sends pings back. */
    @ApplicationScoped
    public static class Receiver {
        @Inject
        @RedisTopic(PONG_TOPIC)
        Event<EventPayload> pongs;

        void on(@Observes @RedisTopic(TOPIC) EventPayload event) {
            if (event.kind.equals("ping")) {
                pongs.fire(event); // the very object received: an event can be forwarded to another topic
            } else {
                Recorder.arrive(REDISEE, event);
            }
        }

        void onQueued(@Observes @RedisTopic(QUEUED_TOPIC) EventPayload event) {
            Recorder.arrive(QUEUED_ARM, event);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node-b")) {
            nodeB(args[1]);
            return;
        }
        int floodEvents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pacedEvents = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int pings = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        String url = RedisServers.standalone().url();
        try (SecondJvm b = new SecondJvm(TwoJvmEvents.class, "node-b", url);
             TestContainer a = start(url, Sender.class);
             Jsonb jsonb = JsonbBuilder.create()) {
            b.expect("ready");
            Sender sender = a.select(Sender.class);
            RedissonClient redis = a.select(RedissonClient.class);
            RTopic raw = redis.getTopic(RAW, StringCodec.INSTANCE);
            redis.getTopic(RAW_PONG, StringCodec.INSTANCE).addListener(String.class,
                    (channel, message) -> Pongs.arrive(RAW_ARM, jsonb.fromJson(message, EventPayload.class)));
            Event<EventPayload> events = sender.events();
            Publisher[] arms = {events::fire, event -> raw.publish(jsonb.toJson(event))};
            System.out.printf(Locale.ROOT, "[two-jvm-events] payload %d bytes of JSON-B; raw message = the payload; "
                            + "RedisEE message = envelope + payload%n",
                    jsonb.toJson(new EventPayload("flood", 0, 12345, System.nanoTime())).length());
            System.out.printf(Locale.ROOT, "[two-jvm-events] RedisEE message on the wire: %d bytes%n", envelopeSize(redis, events));
            checkClock(b);
            Thread.sleep(500); // B's subscriptions: they are made at start, asynchronously for the raw listener

            // Warm-up: a flood and pings per arm, not counted.
            for (int arm = 0; arm < 2; arm++) {
                flood(b, arms[arm], arm, floodEvents, 1);
                for (int i = 0; i < 500; i++) {
                    pingPong(arms[arm], arm, i + 1);
                }
            }
            Publisher rawAsync = event -> raw.publishAsync(jsonb.toJson(event)); // the flood waits for B, not for replies
            Publisher queued = sender.queued()::fire;
            flood(b, queued, QUEUED_ARM, floodEvents, 1);
            floods(b, arms, rawAsync, queued, floodEvents, rounds);
            paced(b, arms, pacedEvents);
            pingPongs(arms, pings);
        }
        System.exit(0); // Redisson's and Weld's non-daemon threads of the closed container may linger briefly
    }

    /** The size of one RedisEE message, read by a listener that is removed before anything is measured. */
    private static int envelopeSize(RedissonClient redis, Event<EventPayload> events) throws Exception {
        RTopic channel = redis.getTopic("bench:topic:" + TOPIC, StringCodec.INSTANCE);
        CompletableFuture<String> message = new CompletableFuture<>();
        int id = channel.addListener(String.class, (name, text) -> message.complete(text));
        try {
            events.fire(new EventPayload("size", 0, 1, System.nanoTime()));
            return message.get(10, TimeUnit.SECONDS).length();
        } finally {
            channel.removeListener(id);
        }
    }

    @FunctionalInterface
    interface Publisher {
        void publish(EventPayload event);
    }

    /** Checks that B's {@code System.nanoTime()} falls between A's before and after asking for it. */
    private static void checkClock(SecondJvm b) throws Exception {
        long worst = 0;
        int violations = 0;
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            b.send("clock");
            long theirs = Long.parseLong(b.expect("clock ").substring(6));
            long after = System.nanoTime();
            if (theirs < before || theirs > after) {
                violations++;
            }
            worst = Math.max(worst, after - before);
        }
        System.out.printf(Locale.ROOT, "[two-jvm-events] clock check: B's nanoTime between A's before and after in %d of 20"
                + " exchanges (widest exchange %.0f us)%n", 20 - violations, worst / 1e3);
        if (violations > 0) {
            throw new IllegalStateException("the two JVMs do not share System.nanoTime's clock: one-way latency is meaningless");
        }
    }

    /** One flood; returns {received/s at B, published/s at A, received, distinct, backwards, gaps}. */
    private static double[] flood(SecondJvm b, Publisher arm, int armIndex, int events, int threads) throws Exception {
        b.send("expect " + armIndex + " " + events + " " + threads + " 0");
        b.expect("armed");
        int perThread = events / threads;
        long start = System.nanoTime();
        if (threads == 1) {
            publishRun(arm, "flood", 0, perThread);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int publisher = t;
                    done.add(pool.submit(() -> publishRun(arm, "flood", publisher, perThread)));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        long published = System.nanoTime();
        Result result = Result.parse(b.expect("done "));
        return new double[]{result.received / ((result.last - start) / 1e9), perThread * threads / ((published - start) / 1e9),
                result.received, result.distinct, result.backwards, result.gaps};
    }

    private static void publishRun(Publisher arm, String kind, int publisher, int count) {
        for (int i = 1; i <= count; i++) {
            arm.publish(new EventPayload(kind, publisher, i, System.nanoTime()));
        }
    }

    private static void floods(SecondJvm b, Publisher[] arms, Publisher rawAsync, Publisher queued, int events, int rounds)
            throws Exception {
        int[] threads = {1, 4};
        // cases: arm x threads, raw publishAsync from 1 thread, confirm=false from 1 and 4 threads; each round runs
        // every case once, in a random order
        InterleavedArms order = new InterleavedArms(7, 1);
        double[][][] results = new double[7][rounds][];
        for (int round = 0; round < rounds; round++) {
            for (int c : order.shuffledOrder().clone()) {
                results[c][round] = switch (c) {
                    case 4 -> flood(b, rawAsync, RAW_ARM, events, 1);
                    case 5, 6 -> flood(b, queued, QUEUED_ARM, events, threads[c - 5]);
                    default -> flood(b, arms[c % 2], c % 2, events, threads[c / 2]);
                };
            }
        }
        for (int t = 0; t < 2; t++) {
            double[][] r = results[5 + t];
            int sent = events / threads[t] * threads[t];
            double[] received = Arrays.stream(r).mapToDouble(x -> x[0]).toArray();
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = r[round][0] / results[t * 2 + 1][round][0];
            }
            System.out.printf(Locale.ROOT, "[two-jvm-events] confirm=false, %d publisher thread(s): received/s per round %s"
                            + " (median %,.0f); lost %d, duplicates %d, out of order %d (backwards) / %d (gaps); against raw"
                            + " RTopic.publish from as many threads, per round %s, median %.2f%n", threads[t], list(received),
                    median(received), Arrays.stream(r).mapToLong(x -> sent - (long) x[3]).sum(),
                    Arrays.stream(r).mapToLong(x -> (long) (x[2] - x[3])).sum(), Arrays.stream(r).mapToLong(x -> (long) x[4]).sum(),
                    Arrays.stream(r).mapToLong(x -> (long) x[5]).sum(), list2(ratios), median(ratios));
        }
        double[] asyncRate = Arrays.stream(results[4]).mapToDouble(x -> x[0]).toArray();
        System.out.printf(Locale.ROOT, "[two-jvm-events] reference, raw RTopic.publishAsync from 1 thread (pipelined, not"
                        + " waiting for each reply): received/s per round %s (median %,.0f); lost %d, out of order %d%n",
                list(asyncRate), median(asyncRate), Arrays.stream(results[4]).mapToLong(x -> events - (long) x[3]).sum(),
                Arrays.stream(results[4]).mapToLong(x -> (long) (x[4] + x[5])).sum());
        for (int t = 0; t < 2; t++) {
            int sent = events / threads[t] * threads[t];
            System.out.printf(Locale.ROOT, "[two-jvm-events] flood, %d publisher thread(s), %d rounds of %,d events per arm:%n",
                    threads[t], rounds, events);
            double[] ratios = new double[rounds];
            for (int arm = 0; arm < 2; arm++) {
                double[][] r = results[t * 2 + arm];
                double[] received = Arrays.stream(r).mapToDouble(x -> x[0]).toArray();
                double[] published = Arrays.stream(r).mapToDouble(x -> x[1]).toArray();
                long lost = Arrays.stream(r).mapToLong(x -> sent - (long) x[3]).sum();
                long backwards = Arrays.stream(r).mapToLong(x -> (long) x[4]).sum();
                long gaps = Arrays.stream(r).mapToLong(x -> (long) x[5]).sum();
                long duplicates = Arrays.stream(r).mapToLong(x -> (long) (x[2] - x[3])).sum();
                System.out.printf(Locale.ROOT, "  %-20s received/s per round %s (median %,.0f); published/s median %,.0f;"
                                + " lost %d, duplicates %d, out of order %d (backwards) / %d (gaps)%n", ARMS[arm],
                        list(received), median(received), median(published), lost, duplicates, backwards, gaps);
            }
            for (int round = 0; round < rounds; round++) {
                ratios[round] = results[t * 2][round][0] / results[t * 2 + 1][round][0];
            }
            System.out.printf(Locale.ROOT, "  ratio RedisEE / raw, received/s, per round %s, median %.2f (target >= 0.8)%n",
                    list2(ratios), median(ratios));
        }
    }

    /** Paced: blocks of {@value #BLOCK} events at 1 per ms, arms alternating in a random order per round. */
    private static void paced(SecondJvm b, Publisher[] arms, int events) throws Exception {
        InterleavedArms order = new InterleavedArms(2, 1);
        List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        long lost = 0;
        long disorder = 0;
        for (int round = 0; round < events / BLOCK; round++) {
            for (int arm : order.shuffledOrder().clone()) {
                b.send("expect " + arm + " " + BLOCK + " 1 1");
                b.expect("armed");
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
                for (int i = 1; i <= BLOCK; i++) {
                    SecondJvm.sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(i - 1));
                    arms[arm].publish(new EventPayload("paced", 0, i, System.nanoTime()));
                }
                Result result = Result.parse(b.expect("done "));
                latencies.get(arm).addAll(result.latencies);
                lost += BLOCK - result.distinct;
                disorder += result.backwards + result.gaps;
            }
        }
        System.out.printf(Locale.ROOT, "[two-jvm-events] paced one-way latency, 1 event/ms, %,d events per arm in blocks"
                + " of %d (lost %d, out of order %d), A's nanoTime before publish to B's in the observer, us:%n", events, BLOCK, lost, disorder);
        double[][] stats = new double[2][];
        for (int arm = 0; arm < 2; arm++) {
            long[] sorted = latencies.get(arm).stream().mapToLong(Long::longValue).sorted().toArray();
            stats[arm] = new double[]{pct(sorted, 0.5) / 1e3, pct(sorted, 0.9) / 1e3, pct(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3};
            System.out.printf(Locale.ROOT, "  %-20s p50 %7.1f  p90 %7.1f  p99 %7.1f  max %8.1f%n", ARMS[arm],
                    stats[arm][0], stats[arm][1], stats[arm][2], stats[arm][3]);
        }
        System.out.printf(Locale.ROOT, "  speed RedisEE relative to raw (raw time / RedisEE time): p50 %.2f  p90 %.2f  p99 %.2f%n",
                stats[1][0] / stats[0][0], stats[1][1] / stats[0][1], stats[1][2] / stats[0][2]);
    }

    private static void pingPongs(Publisher[] arms, int pings) throws Exception {
        InterleavedArms rounds = new InterleavedArms(2, pings);
        long[] took = new long[2];
        for (int i = 1; i <= pings; i++) {
            for (int arm : rounds.shuffledOrder()) {
                took[arm] = pingPong(arms[arm], arm, 1_000_000 + i);
            }
            rounds.record(took);
        }
        System.out.printf(Locale.ROOT, "[two-jvm-events] ping-pong round trip, %,d interleaved rounds (A fires, B's observer"
                + " fires it back, A's observer), us:%n", rounds.samples());
        double[][] stats = {rounds.statistics(0), rounds.statistics(1)};
        for (int arm = 0; arm < 2; arm++) {
            System.out.printf(Locale.ROOT, "  %-20s mean %7.1f  p50 %7.1f  p90 %7.1f  p99 %7.1f  p99.9 %7.1f%n", ARMS[arm],
                    stats[arm][0], stats[arm][1], stats[arm][2], stats[arm][3], stats[arm][4]);
        }
        System.out.printf(Locale.ROOT, "  speed RedisEE relative to raw: mean %.2f  p50 %.2f  p90 %.2f  p99 %.2f%n",
                stats[1][0] / stats[0][0], stats[1][1] / stats[0][1], stats[1][2] / stats[0][2], stats[1][3] / stats[0][3]);
    }

    /** One ping, its pong's arrival at A (noted by A's observer or listener) minus the send. */
    private static long pingPong(Publisher arm, int armIndex, long sequence) throws Exception {
        CompletableFuture<Long> pong = Pongs.expect(armIndex, sequence);
        long sent = System.nanoTime();
        arm.publish(new EventPayload("ping", 0, sequence, sent));
        return pong.get(10, TimeUnit.SECONDS) - sent;
    }

    /** A's pong arrivals. */
    static final class Pongs {
        private static final CompletableFuture<?>[] PENDING = new CompletableFuture<?>[2];
        private static final long[] SEQUENCE = new long[2];

        static synchronized CompletableFuture<Long> expect(int arm, long sequence) {
            CompletableFuture<Long> future = new CompletableFuture<>();
            PENDING[arm] = future;
            SEQUENCE[arm] = sequence;
            return future;
        }

        @SuppressWarnings("unchecked")
        static void arrive(int arm, EventPayload pong) {
            long now = System.nanoTime();
            CompletableFuture<Long> future;
            synchronized (Pongs.class) {
                if (pong.sequence != SEQUENCE[arm]) {
                    return; // a late pong of the warm-up
                }
                future = (CompletableFuture<Long>) PENDING[arm];
            }
            future.complete(now);
        }
    }

    /** B's record of one measurement of one arm. */
    static final class Recorder {
        private static final Recorder[] CURRENT = new Recorder[ARMS.length];

        final int expected;
        final boolean latencies;
        final long[] last;
        final BitSet[] seen;
        final List<Long> latency = new ArrayList<>();
        int received;
        int distinct;
        int backwards;
        int gaps;
        long first = Long.MAX_VALUE;
        long lastArrival;

        Recorder(int expected, int publishers, boolean latencies) {
            this.expected = expected;
            this.latencies = latencies;
            this.last = new long[publishers];
            this.seen = new BitSet[publishers];
            for (int p = 0; p < publishers; p++) {
                seen[p] = new BitSet();
            }
        }

        static void arrive(int arm, EventPayload event) {
            long now = System.nanoTime();
            Recorder recorder;
            synchronized (Recorder.class) {
                recorder = CURRENT[arm];
            }
            if (recorder != null) {
                recorder.record(event, now);
            }
        }

        synchronized void record(EventPayload event, long now) {
            received++;
            int p = event.publisher;
            if (!seen[p].get((int) event.sequence)) {
                seen[p].set((int) event.sequence);
                distinct++;
            }
            if (event.sequence <= last[p]) {
                backwards++;
            } else if (event.sequence != last[p] + 1) {
                gaps++;
            }
            last[p] = Math.max(last[p], event.sequence);
            first = Math.min(first, now);
            lastArrival = now;
            if (latencies) {
                latency.add(now - event.sentNanos);
            }
            notifyAll();
        }

        /** Waits for every expected event, or until none came for 5 s. */
        synchronized String await() throws InterruptedException {
            int count = received;
            long progress = System.nanoTime();
            while (received < expected) {
                wait(100);
                if (received != count) {
                    count = received;
                    progress = System.nanoTime();
                } else if (System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(5)) {
                    break; // nothing in the last 5 s: the rest is lost
                }
            }
            StringBuilder answer = new StringBuilder("done ").append(received).append(' ').append(distinct).append(' ')
                    .append(backwards).append(' ').append(gaps).append(' ').append(first).append(' ').append(lastArrival);
            for (long l : latency) {
                answer.append(' ').append(l);
            }
            return answer.toString();
        }
    }

    /** B's answer, parsed at A. */
    private record Result(int received, int distinct, int backwards, int gaps, long first, long last, List<Long> latencies) {
        static Result parse(String line) {
            String[] f = line.split(" ");
            List<Long> latencies = new ArrayList<>();
            for (int i = 7; i < f.length; i++) {
                latencies.add(Long.parseLong(f[i]));
            }
            return new Result(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), latencies);
        }
    }

    /** Node B: the observer, the raw listener, and A's commands. */
    private static void nodeB(String url) throws Exception {
        try (TestContainer b = start(url, Receiver.class);
             Jsonb jsonb = JsonbBuilder.create()) {
            b.select(Receiver.class); // the observer's bean exists before the first event
            RedissonClient redis = b.select(RedissonClient.class);
            RTopic rawPong = redis.getTopic(RAW_PONG, StringCodec.INSTANCE);
            boolean[] named = new boolean[2];
            redis.getTopic(RAW, StringCodec.INSTANCE).addListener(String.class, (channel, message) -> {
                EventPayload event = jsonb.fromJson(message, EventPayload.class);
                if (!named[RAW_ARM]) {
                    named[RAW_ARM] = true;
                    System.err.println("[two-jvm-events] node B: raw listener runs on " + Thread.currentThread().getName());
                }
                if (event.kind.equals("ping")) {
                    rawPong.publish(jsonb.toJson(event));
                } else {
                    Recorder.arrive(RAW_ARM, event);
                }
            });
            SecondJvm.serve((command, answer) -> {
                if (command[0].equals("clock")) {
                    answer.accept("clock " + System.nanoTime());
                } else if (command[0].equals("expect")) {
                    int arm = Integer.parseInt(command[1]);
                    Recorder recorder = new Recorder(Integer.parseInt(command[2]), Integer.parseInt(command[3]),
                            command[4].equals("1"));
                    synchronized (Recorder.class) {
                        Recorder.CURRENT[arm] = recorder;
                    }
                    answer.accept("armed");
                    String done = recorder.await();
                    synchronized (Recorder.class) {
                        Recorder.CURRENT[arm] = null;
                    }
                    answer.accept(done);
                }
            });
        }
        System.exit(0);
    }

    private static TestContainer start(String url, Class<?> bean) {
        Map<String, String> config = new HashMap<>();
        config.put("redisee.url", url);
        config.put("redisee.fail-fast", "true");
        config.put("redisee.key-prefix", "bench");
        config.put("redisee.metrics.backend", "none");
        config.put("redisee.topic." + QUEUED_TOPIC + ".confirm", "false");
        java.util.logging.Logger.getLogger("org.jboss.weld").setLevel(java.util.logging.Level.WARNING);
        return TestContainer.start(config, bean);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (double v : values) {
            s.append(s.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return s.append(']').toString();
    }

    private static String list2(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (double v : values) {
            s.append(s.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return s.append(']').toString();
    }
}
