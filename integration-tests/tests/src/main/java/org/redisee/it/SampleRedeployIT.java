package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.support.ChatClient;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.LoaderProbe;
import org.redisee.it.support.Poll;
import org.redisee.it.support.RedisInspect;
import org.redisee.it.support.ThreadSnapshot;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * Redeploys the chat sample {@value #CYCLES} times and uses it each time as its page does: the session from the first
 * cycle (in Redis) must still be signed in, a message posted over HTTP must come back on the room's WebSocket (a
 * {@code @RedisTopic} event), and the history must hold one message per cycle so far. The always-deployed probe war
 * reports the server JVM's threads, loaded classes and heap after a full GC.
 *
 * <p>After the last undeploy: no redisson/netty thread may be left; the thread count and the heap after a full GC
 * must be back at the baseline, within {@value #THREAD_TOLERANCE} threads and {@value #HEAP_TOLERANCE_MB} MB (plus
 * {@value #HEAP_PER_KEPT_LOADER_MB} MB per loader of the war the server keeps); no class
 * loader of the war may survive a full GC, but for those the server's threads and the JDK keep (a bounded number,
 * {@link #assertNoClassLoaderLeft}); no RedisEE connection may be left open in Redis.
 *
 * <p>The baseline is taken after {@value #WARM_UP} cycles: servers create their own pool threads lazily over the first
 * deployments and requests (Undertow's I/O and task workers, the EE concurrency and Weld executors, Payara's HTTP
 * listener pool) and keep some. A leak of one thread per redeploy would exceed the tolerance
 * ({@value #CYCLES} - {@value #WARM_UP} extra threads). The counts from before the first deploy are reported too.
 *
 * <p>Tags: {@code redeploy}, and {@code ejb} because the chat's timers need the EJB container (so not on WildFly's
 * standalone-microprofile.xml).
 */
@Tag("redeploy")
@Tag("ejb")
@ExtendWith(ArquillianExtension.class)
class SampleRedeployIT {

    static final String APP = "chat-redeploy";
    static final String ROOM = "redeploy";
    static final int CYCLES = 20;
    static final int WARM_UP = 3;
    static final int THREAD_TOLERANCE = 5;
    /** Heap growth after a full GC that redeploys may show without a leak (server caches, JIT, pools)... */
    static final int HEAP_TOLERANCE_MB = 64;
    /** ... plus what each loader of the war that the server or the JDK keeps holds (3-4 MB measured on Payara). */
    static final int HEAP_PER_KEPT_LOADER_MB = 4;
    /**
     * Loaders kept by holders the probe cannot see, each keeping a bounded number however often the war is redeployed:
     * Java 17's record methods ({@code ObjectMethods} adapts four static method handles to a record's types, and each
     * caches its last adaptation: JDK-8078641, fixed in Java 18) and a pool thread's last task, still in a local
     * variable of its idle frame (on WildFly: an EJB timer task, an Undertow request). Seen: 1 to 4 of 20 on WildFly.
     */
    static final int KEPT_BY_SERVER_AND_JDK = 6;
    /** A class every deployment of the sample defines with its own class loader: RedisEE's CDI extension. */
    static final String WAR_CLASS = "org.redisee.RedisExtension";
    private static final Pattern MESSAGE_TEXT = Pattern.compile("\"text\"\\s*:\\s*\"cycle \\d+\"");

    private static RedisStandalone redis;

    @Deployment(name = "probe", testable = false)
    static WebArchive probe() {
        return Deployments.probe();
    }

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        redis = RedisServers.newStandalone();
        return Deployments.sampleApp(APP, Map.of("redisee.url", redis.url()));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void redeployingTheChatLeavesNothingBehind(@ArquillianResource @OperateOnDeployment("probe") URL probe) {
        URL chat = UndeployIT.sibling(probe, APP);
        ThreadSnapshot initial = ThreadSnapshot.read(probe, true);
        log("before the first deploy, after System.gc(): " + initial);

        ChatClient user = new ChatClient();
        ThreadSnapshot baseline = null;
        ThreadSnapshot baselineAfterGc = null;
        List<Integer> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            long cycleStart = System.nanoTime();
            deployer.deploy(APP);
            if (cycle == 1) {
                user.register(chat, "redeployer", "a long enough password");
                user.openRoom(chat, ROOM);
            }
            useTheChat(user, chat, cycle);
            ThreadSnapshot deployed = ThreadSnapshot.read(probe, false);
            deployer.undeploy(APP);
            ThreadSnapshot undeployed = ThreadSnapshot.read(probe, false);
            counts.add(undeployed.threads());
            log(String.format("cycle %2d: %5d ms, while deployed threads=%d (redisson/netty %d), "
                            + "right after undeploy threads=%d (redisson/netty %d)", cycle, UndeployIT.millis(cycleStart),
                    deployed.threads(), deployed.redisThreads().size(), undeployed.threads(),
                    undeployed.redisThreads().size()));
            if (cycle == WARM_UP) {
                baseline = ThreadSnapshot.awaitNoNewRedisThreads(probe, initial, Duration.ofSeconds(15));
                baselineAfterGc = ThreadSnapshot.read(probe, true);
                log("baseline (after cycle " + WARM_UP + ", settled, after System.gc()): " + baselineAfterGc);
            }
        }
        log(CYCLES + " cycles in " + UndeployIT.millis(start) + " ms; thread count right after each undeploy: " + counts);

        ThreadSnapshot reference = baseline;
        long settleStart = System.nanoTime();
        ThreadSnapshot end;
        try {
            end = Poll.until("no redisson/netty thread and at most " + THREAD_TOLERANCE + " threads above the baseline "
                            + reference.threads() + " after the last undeploy", Duration.ofSeconds(20),
                    () -> ThreadSnapshot.read(probe, false),
                    s -> s.newRedisThreadsSince(initial).isEmpty() && s.threads() <= reference.threads() + THREAD_TOLERANCE);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthreads new since the baseline: "
                    + grouped(ThreadSnapshot.read(probe, false).newThreadsSince(reference)) + "\n"
                    + ThreadSnapshot.withStacks(probe), e);
        }
        ThreadSnapshot gc = ThreadSnapshot.read(probe, true);
        ThreadSnapshot warm = baselineAfterGc;
        log("final (" + UndeployIT.millis(settleStart) + " ms after the last undeploy, after System.gc()): " + gc);
        log("threads new since before the first deploy: " + grouped(gc.newThreadsSince(initial))
                + "; gone since then: " + grouped(initial.newThreadsSince(gc)));
        log(String.format("SUMMARY threads: before the first deploy %d, baseline after cycle %d %d, after %d cycles %d",
                initial.threads(), WARM_UP, reference.threads(), CYCLES, end.threads()));
        log(String.format("SUMMARY heap used after a full GC: before the first deploy %d MB, baseline %d MB, after %d "
                        + "cycles %d MB; loaded classes: %d, %d, %d (unloaded in all: %d)", initial.heapUsed() >> 20,
                warm.heapUsed() >> 20, CYCLES, gc.heapUsed() >> 20, initial.loadedClasses(), warm.loadedClasses(),
                gc.loadedClasses(), gc.unloadedClasses()));
        assertTrue(RedisInspect.rediseeClientNames(redis.url()).isEmpty(), "no redisee-* connection left");
        int keptLoaders = assertNoClassLoaderLeft(probe);
        long heapAllowance = (long) (HEAP_TOLERANCE_MB + HEAP_PER_KEPT_LOADER_MB * keptLoaders) << 20;
        assertTrue(gc.heapUsed() < warm.heapUsed() + heapAllowance, "heap after a full GC grew by "
                + ((gc.heapUsed() - warm.heapUsed()) >> 20) + " MB from cycle " + WARM_UP + " to cycle " + CYCLES
                + ", more than " + (heapAllowance >> 20) + " MB with " + keptLoaders + " loaders of the war kept");
    }

    /** Signed in still, a message out over HTTP and back over the WebSocket, the history complete so far. */
    private static void useTheChat(ChatClient user, URL chat, int cycle) {
        assertTrue(user.signedInProfile(chat).contains("redeployer"), "the session of cycle 1 is signed in");
        try (ChatClient.RoomSocket socket = user.join(chat, ROOM)) {
            // the server counts the socket in once its own presence event is back: only then can it get messages
            socket.await("\"presence\"");
            user.send(chat, ROOM, "cycle " + cycle);
            socket.await("cycle " + cycle);
        }
        Matcher texts = MESSAGE_TEXT.matcher(user.history(chat, ROOM));
        int messages = 0;
        while (texts.find()) {
            messages++;
        }
        assertEquals(cycle, messages, "the room's history in Redis holds one message per cycle");
    }

    /**
     * Every undeployed war's class loader must be collectable, or each redeploy keeps its classes (about 4,000 for the
     * chat) in metaspace. A leak of RedisEE's keeps one per redeploy. Allowed are the loaders that holders outside
     * the application keep, since they keep a bounded number:
     * <ul>
     *   <li>the server's threads, as the probe finds them: a pool thread started while the war's code ran inherits the
     *       war's loader as its context class loader; on Payara, Grizzly's per-thread cache of recycled requests keeps
     *       a request upgraded to a WebSocket with Tyrus's upgrade handler, which holds the handshake's HTTP session
     *       (RedisEE's, a class of the war) until the cached request serves another upgrade;</li>
     *   <li>up to {@value #KEPT_BY_SERVER_AND_JDK} that the probe cannot see: the JDK's record method handles, and
     *       idle pool threads' last tasks.</li>
     * </ul>
     * The server may release the last war a moment after undeploy returns, so live loaders are counted again, after
     * another full GC, for a few seconds. Returns how many are alive.
     */
    private static int assertNoClassLoaderLeft(URL probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int loaders = LoaderProbe.liveLoaders(probe, WAR_CLASS);
        int heldByThreads = loadersHeldByThreads(probe);
        while (loaders > heldByThreads + KEPT_BY_SERVER_AND_JDK && System.nanoTime() < deadline) {
            log(loaders + " class loader(s) of the war still alive, " + heldByThreads + " held by threads; counting again");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            loaders = LoaderProbe.liveLoaders(probe, WAR_CLASS);
            heldByThreads = loadersHeldByThreads(probe);
        }
        String holders = LoaderProbe.threadHolders(probe, WAR_CLASS);
        log("SUMMARY class loaders defining " + WAR_CLASS + " alive after " + CYCLES + " undeploys and a full GC: "
                + loaders + " of " + CYCLES + "; threads holding one: " + holders.replace('\n', ';'));
        if (loaders > heldByThreads + KEPT_BY_SERVER_AND_JDK) {
            fail(loaders + " class loaders of the undeployed war are alive after a full GC, more than the "
                    + heldByThreads + " that threads hold plus " + KEPT_BY_SERVER_AND_JDK + " that the server and the JDK "
                    + "may keep: a metaspace leak per redeploy. Threads holding them:\n" + holders
                    + "\nA heap dump of the server, to find what holds the rest: " + LoaderProbe.heapDump(probe));
        }
        return loaders;
    }

    /** How many of the war's loaders the server's threads hold (context class loader, thread-locals, caches). */
    private static int loadersHeldByThreads(URL probe) {
        String first = LoaderProbe.threadHolders(probe, WAR_CLASS).lines().findFirst().orElse("");
        return Integer.parseInt(first.substring("loaders=".length()));
    }

    /** Thread names with their numbers folded ({@code http-thread-pool::http-listener-1(#)}), and how many. */
    static Map<String, Integer> grouped(List<String> names) {
        Map<String, Integer> groups = new TreeMap<>();
        names.forEach(name -> groups.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum));
        return groups;
    }

    static void log(String message) {
        System.out.println("[SampleRedeployIT] " + message);
    }
}
