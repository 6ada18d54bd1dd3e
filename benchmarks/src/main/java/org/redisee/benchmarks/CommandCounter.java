package org.redisee.benchmarks;

import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Counts the commands Redis executes in a window, two ways:
 * <ul>
 *   <li>{@code MONITOR}, on a connection of its own: every executed command with its source, where commands a Lua
 *       script runs show {@code [0 lua]} and commands sent by a client show {@code [0 <ip>:<port>]}. Client commands
 *       are the round trips; lua ones are work inside a round trip.</li>
 *   <li>{@code INFO commandstats} before and after: calls per command, client and script-internal together. It must
 *       equal client + lua from MONITOR, which checks the MONITOR count.</li>
 * </ul>
 * The window is delimited by {@code ECHO} markers sent on the control connection, so MONITOR counts exactly the
 * commands between them. Commands that do not name the benchmark's keys ({@code bench:} prefix) are reported
 * separately as background (Redisson's and the health probe's PINGs, the markers).
 */
final class CommandCounter implements AutoCloseable {

    static final String KEY_NAMESPACE = "bench:";

    private final RedisCommands control;
    private final Socket monitor;
    private final String start = "window-start-" + UUID.randomUUID();
    private final String end = "window-end-" + UUID.randomUUID();
    private final CompletableFuture<Counts> result = new CompletableFuture<>();
    private final Map<String, Long> statsBefore;

    /** Per command name (lower case): client commands on benchmark keys, lua ones, and the rest. */
    record Counts(Map<String, Long> client, Map<String, Long> lua, Map<String, Long> background) {
        long clientTotal() {
            return client.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Counts from this call until {@link #stop()}. */
    static CommandCounter start(RedisNode redis, RedisCommands control) {
        return new CommandCounter(redis, control);
    }

    private CommandCounter(RedisNode redis, RedisCommands control) {
        this.control = control;
        try {
            monitor = new Socket(redis.host(), redis.port());
            monitor.setSoTimeout(30_000);
            OutputStream out = monitor.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                throw new IllegalStateException("MONITOR answered " + ok);
            }
            Thread reader = new Thread(() -> read(in), "monitor-reader");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        statsBefore = commandStats(control);
        control.call("ECHO", start);
    }

    /** Ends the window; returns the MONITOR counts and checks them against INFO commandstats. */
    Result stop() {
        control.call("ECHO", end);
        Counts counts;
        try {
            counts = result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MONITOR did not see the end marker", e);
        }
        Map<String, Long> statsAfter = commandStats(control);
        Map<String, Long> delta = new TreeMap<>();
        statsAfter.forEach((cmd, calls) -> {
            long d = calls - statsBefore.getOrDefault(cmd, 0L);
            if (d != 0) {
                delta.put(cmd, d);
            }
        });
        return new Result(counts, delta);
    }

    record Result(Counts monitor, Map<String, Long> commandStatsDelta) {
        /**
         * Commands whose commandstats delta differs from what MONITOR saw (client + lua + background); the
         * control connection's own INFO and ECHO are left out, since the window's ends cut through them.
         */
        Map<String, String> mismatches() {
            Map<String, String> out = new TreeMap<>();
            Map<String, Long> seen = new TreeMap<>();
            for (Map<String, Long> m : java.util.List.of(monitor.client(), monitor.lua(), monitor.background())) {
                m.forEach((k, v) -> seen.merge(k, v, Long::sum));
            }
            java.util.Set<String> all = new java.util.TreeSet<>(seen.keySet());
            Map<String, Long> stats = new TreeMap<>(); // "script|load" -> "script", as MONITOR names it
            commandStatsDelta.forEach((k, v) -> stats.merge(k.replaceFirst("\\|.*", ""), v, Long::sum));
            all.addAll(stats.keySet());
            for (String cmd : all) {
                if (cmd.equals("info") || cmd.equals("echo") || cmd.equals("monitor")) {
                    continue;
                }
                long a = seen.getOrDefault(cmd, 0L);
                long b = stats.getOrDefault(cmd, 0L);
                if (a != b) {
                    out.put(cmd, "MONITOR " + a + " vs commandstats " + b);
                }
            }
            return out;
        }
    }

    private void read(BufferedReader in) {
        Map<String, Long> client = new TreeMap<>();
        Map<String, Long> lua = new TreeMap<>();
        Map<String, Long> background = new TreeMap<>();
        boolean inWindow = false;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int close = line.indexOf("] ");
                if (close < 0) {
                    continue;
                }
                String source = line.substring(line.indexOf('[') + 1, close);
                String rest = line.substring(close + 2);
                String command = rest.substring(1, rest.indexOf('"', 1)).toLowerCase();
                if (!inWindow) {
                    inWindow = rest.contains(start);
                    continue;
                }
                if (rest.contains(end)) {
                    result.complete(new Counts(client, lua, background));
                    return;
                }
                if (source.endsWith(" lua")) {
                    lua.merge(command, 1L, Long::sum);
                } else if (rest.contains(KEY_NAMESPACE)) {
                    client.merge(command, 1L, Long::sum);
                } else {
                    background.merge(command, 1L, Long::sum);
                }
            }
            result.completeExceptionally(new IllegalStateException("MONITOR connection closed"));
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** {@code INFO commandstats} as calls per command, e.g. {@code get -> 1500}. */
    static Map<String, Long> commandStats(RedisCommands control) {
        Map<String, Long> calls = new TreeMap<>();
        control.info("commandstats").forEach((field, value) -> {
            if (field.startsWith("cmdstat_")) {
                String c = value.substring(value.indexOf("calls=") + 6);
                calls.put(field.substring(8), Long.parseLong(c.substring(0, c.indexOf(','))));
            }
        });
        return calls;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException ignored) {
            // the server drops the monitor connection with the socket
        }
    }
}
