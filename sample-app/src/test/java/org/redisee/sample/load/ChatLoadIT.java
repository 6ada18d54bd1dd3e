package org.redisee.sample.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisee.sample.launcher.SampleCluster;

/**
 * The chat under a bounded load, as docs/reliability.md reports it: one WildFly node and one Redis on loopback,
 * {@code benchmarks/load/run-load.sh} (wrk, 2 threads, 16 connections, {@value #DEFAULT_SECONDS} s; sessions, the
 * profile cache and events all on). Every answer must be a 2xx and no socket may fail; throughput and latency are
 * printed, not asserted (this machine is shared and noisy: speed belongs in benchmarks).
 *
 * <p>Without wrk the test is skipped, unless {@code REDISEE_LOAD_TESTS=required} (set by {@code .ci/run}), which makes
 * its absence a failure. {@code -Dload.seconds=N} shortens or lengthens the run.
 */
class ChatLoadIT {

    static final int DEFAULT_SECONDS = 60;
    private static final Pattern SUMMARY = Pattern.compile("\\[chat-load] (\\d+) requests in [\\d.]+ s: (\\d+) requests/s; "
            + "latency p50 ([\\d.]+) ms, p90 ([\\d.]+) ms, p99 ([\\d.]+) ms, max ([\\d.]+) ms; "
            + "socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private static SampleCluster cluster;

    @BeforeAll
    static void startOneNode() throws Exception {
        boolean present = onPath("wrk");
        if (!present && "required".equals(System.getenv("REDISEE_LOAD_TESTS"))) {
            throw new IllegalStateException("REDISEE_LOAD_TESTS=required, but this machine has no wrk: apt-get install wrk");
        }
        Assumptions.assumeTrue(present, "Load test skipped: it needs wrk (apt-get install wrk)");
        cluster = new SampleCluster(new SampleCluster.Options(
                Path.of(System.getProperty("sample.wildflyHome")).toAbsolutePath(),
                Path.of(System.getProperty("sample.war")).toAbsolutePath(),
                Path.of(System.getProperty("sample.workDir"), "load").toAbsolutePath(),
                1, Integer.getInteger("sample.loadPortOffset", 700), null, 0, false, Map.of()));
        cluster.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theChatAnswersEveryRequestUnderLoad() throws IOException, InterruptedException {
        int seconds = Integer.getInteger("load.seconds", DEFAULT_SECONDS);
        Process wrk = new ProcessBuilder("bash", System.getProperty("sample.loadScript"),
                cluster.nodes().get(0).appUrl(), Integer.toString(seconds), "16")
                .redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(wrk.waitFor(seconds + 60L, TimeUnit.SECONDS), "the load script ended");
        System.out.println(output);
        assertEquals(0, wrk.exitValue(), "the load script's exit status; its output:\n" + output);

        Matcher summary = SUMMARY.matcher(output);
        assertTrue(summary.find(), "wrk printed its summary:\n" + output);
        Matcher non2xx = NON_2XX.matcher(output);
        long failedAnswers = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        long socketErrors = 0;
        for (int group = 7; group <= 10; group++) {
            socketErrors += Long.parseLong(summary.group(group));
        }
        System.out.printf("[ChatLoadIT] SUMMARY %s requests in %d s, %s requests/s, p50 %s ms, p90 %s ms, p99 %s ms, "
                        + "max %s ms, answers other than 2xx %d, socket errors %d%n", summary.group(1), seconds,
                summary.group(2), summary.group(3), summary.group(4), summary.group(5), summary.group(6), failedAnswers,
                socketErrors);
        assertTrue(Long.parseLong(summary.group(1)) > 0, "requests were made");
        assertEquals(0, failedAnswers, "answers other than 2xx");
        assertEquals(0, socketErrors, "socket errors (connect, read, write, timeout)");
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(directory, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
