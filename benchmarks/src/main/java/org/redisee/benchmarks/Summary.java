package org.redisee.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the ratios that docs/benchmarks.md reports from one run: JMH's JSON result file plus the run's console
 * log (for the {@code [paired]} and {@code [round-trips]} lines that the benchmarks print).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.redisee.benchmarks.Summary jmh-result.json jmh.log</pre>
 */
public final class Summary {

    private static final String P = "org.redisee.benchmarks.";
    private static final Pattern ROUND_TRIPS = Pattern.compile(
            "\\[round-trips] (\\w+), measurement: (\\d+) misses.*?client round trips: (\\{[^}]*}) = (\\d+), ([\\d.]+) per miss"
                    + ".*?inside scripts \\(MONITOR 'lua'\\): (\\{[^}]*})",
            Pattern.DOTALL);

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Summary <jmh-result.json> [<jmh console log>]");
            System.exit(2);
        }
        Map<String, JsonObject> results = new HashMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8); JsonReader json = Json.createReader(in)) {
            JsonArray all = json.readArray();
            for (JsonObject r : all.getValuesAs(JsonObject.class)) {
                results.put(r.getString("benchmark").replace(P, ""), r.getJsonObject("primaryMetric"));
            }
        }
        String log = args.length > 1 ? Files.readString(Path.of(args[1]), StandardCharsets.UTF_8) : "";
        StringBuilder out = new StringBuilder();

        out.append("== 1. Remote hit through the interceptor vs raw GET + JSON-B decode (single thread) ==\n");
        double remote = score(results, "CacheHitThroughput.remoteHit");
        double raw = score(results, "CacheHitThroughput.rawGetDecode");
        double rawApp = score(results, "CacheHitThroughput.rawGetDecodeAppClient");
        out.append(f("throughput ops/s: remoteHit %.0f, rawGetDecode %.0f, rawGetDecodeAppClient %.0f%n", remote, raw, rawApp));
        out.append(f("latency ratio from throughput (raw ops/s / interceptor ops/s): vs separate client %.3f, vs extension's client %.3f  (target <= 1.05)%n",
                raw / remote, rawApp / remote));
        out.append(f("%-6s %12s %12s %14s %10s %12s%n", "us/op", "remoteHit", "rawGetDecode", "rawAppClient", "ratio", "ratio(app)"));
        for (String[] stat : new String[][] {{"mean", null}, {"p50", "50.0"}, {"p90", "90.0"}, {"p99", "99.0"}, {"p99.9", "99.9"}}) {
            double a = sample(results, "CacheHitLatency.remoteHit", stat[1]);
            double b = sample(results, "CacheHitLatency.rawGetDecode", stat[1]);
            double c = sample(results, "CacheHitLatency.rawGetDecodeAppClient", stat[1]);
            out.append(f("%-6s %12.2f %12.2f %14.2f %10.3f %12.3f%n", stat[0], a, b, c, a / b, a / c));
        }
        double decode = score(results, "JsonDecode.decodeOnly");
        double decodeCache = score(results, "JsonDecode.decodeCacheJson");
        if (!Double.isNaN(decode)) {
            out.append(f("JSON-B decode alone: plain Jsonb %.0f ns/op, the extension's CacheJson %.0f ns/op (paid once on both sides)%n",
                    decode, decodeCache));
        }
        List<String> paired = lines(log, "[paired]");
        if (!paired.isEmpty()) {
            out.append("interleaved (PairedRemoteHit):\n");
            paired.forEach(l -> out.append("  ").append(l).append('\n'));
        }

        List<String> cpu = lines(log, "[cpu]");
        if (!cpu.isEmpty()) {
            out.append("CPU time per hit (HitCpuCost):\n");
            cpu.forEach(l -> out.append("  ").append(l).append('\n'));
        }

        out.append("\n== 2. Near-cache hit vs remote hit ==\n");
        double near = score(results, "CacheHitThroughput.nearHit");
        out.append(f("throughput ops/s: nearHit %.0f, remoteHit %.0f: %.0fx  (target >= 50x)%n", near, remote, near / remote));
        out.append(f("latency p50 / p99 us: nearHit %.3f / %.3f, remoteHit %.2f / %.2f%n",
                sample(results, "CacheHitLatency.nearHit", "50.0"), sample(results, "CacheHitLatency.nearHit", "99.0"),
                sample(results, "CacheHitLatency.remoteHit", "50.0"), sample(results, "CacheHitLatency.remoteHit", "99.0")));

        out.append("\n== 3. Client round trips per miss (MONITOR, script-internal commands excluded) ==\n");
        Map<String, Double> perMiss = new HashMap<>();
        Matcher m = ROUND_TRIPS.matcher(log);
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            perMiss.put(m.group(1), Double.parseDouble(m.group(5)));
            rows.add(f("%-15s %5s misses: %s = %.2f per miss; inside scripts: %s", m.group(1), m.group(2), m.group(3),
                    Double.parseDouble(m.group(5)), m.group(6)));
        }
        rows.forEach(r -> out.append(r).append('\n'));
        Double plain = perMiss.get("rawGetSet");
        if (plain != null) {
            for (String name : new String[] {"missLockOnMiss", "missNoLock"}) {
                if (perMiss.containsKey(name)) {
                    out.append(f("%s: %.2f extra round trips per miss vs the plain GET + SET (target <= 2)%n", name, perMiss.get(name) - plain));
                }
            }
        }
        System.out.print(out);
    }

    private static double score(Map<String, JsonObject> results, String name) {
        JsonObject r = results.get(name);
        return r == null ? Double.NaN : r.getJsonNumber("score").doubleValue();
    }

    /** The mean ({@code percentile == null}) or a percentile of a SampleTime result. */
    private static double sample(Map<String, JsonObject> results, String name, String percentile) {
        JsonObject r = results.get(name);
        if (r == null) {
            return Double.NaN;
        }
        return percentile == null ? r.getJsonNumber("score").doubleValue()
                : r.getJsonObject("scorePercentiles").getJsonNumber(percentile).doubleValue();
    }

    private static List<String> lines(String log, String prefix) {
        List<String> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith(prefix)) {
                out.add(line.substring(prefix.length()).trim());
            }
        }
        return out;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
