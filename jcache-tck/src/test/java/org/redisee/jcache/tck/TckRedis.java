package org.redisee.jcache.tck;

import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Gives the TCK a real Redis and prints its totals. The provider under test reads {@code redisee.url} from the
 * system properties, as any plain-JVM user would configure it. For a comparison run with Redisson's own provider
 * ({@code -Dtck.provider=org.redisson.jcache.JCachingProvider}) it also writes the {@code redisson-jcache.yaml}
 * that provider looks for.
 *
 * <p>The TCK runs an excluded test as an empty test that passes, so the totals count exclusions apart.
 */
public class TckRedis extends RunListener {

    private static final String REDISSON_PROVIDER = "org.redisson.jcache.JCachingProvider";

    private final AtomicInteger excludedRuns = new AtomicInteger();
    private String provider;
    private Set<String> excluded;

    @Override
    public void testRunStarted(Description description) throws IOException, URISyntaxException {
        provider = System.getProperty("javax.cache.spi.CachingProvider");
        excluded = readExcludeList();
        RedisStandalone redis = RedisServers.standalone();
        System.setProperty("redisee.url", redis.url());
        if (REDISSON_PROVIDER.equals(provider)) {
            Path classes = Path.of(TckRedis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.writeString(classes.resolve("redisson-jcache.yaml"),
                    "singleServerConfig:\n  address: \"" + redis.url() + "\"\n");
        }
    }

    private static Set<String> readExcludeList() throws IOException {
        try (InputStream in = TckRedis.class.getClassLoader().getResourceAsStream("ExcludeList")) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toSet());
        }
    }

    @Override
    public void testFinished(Description description) {
        String method = description.getMethodName();
        if (method != null && excluded.contains(description.getClassName() + "#" + method.replaceAll("\\[.*]$", ""))) {
            excludedRuns.incrementAndGet();
        }
    }

    @Override
    public void testRunFinished(Result result) {
        int failed = result.getFailureCount();
        int skipped = result.getIgnoreCount();
        System.out.printf("%nJCache TCK 1.1.1 against %s: %d tests: %d passed, %d excluded (%d methods in ExcludeList,"
                        + " listed in docs/jcache.md), %d failed, %d skipped%n%n",
                provider, result.getRunCount(), result.getRunCount() - failed - skipped - excludedRuns.get(),
                excludedRuns.get(), excluded.size(), failed, skipped);
    }
}
