package org.redisee.it.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.redisee.it.app.RestApp;
import org.redisee.it.probe.ProbeApp;

/**
 * Builds the test wars. Client side only: never referenced from code that runs in the server.
 *
 * <p>A RedisEE war starts from the base war (system property {@code it.baseWar}, set by the server module's
 * failsafe configuration): org.redisee:redisee and all its runtime dependencies in {@code WEB-INF/lib}, as Maven
 * puts them into a user's war. The configuration goes to {@code META-INF/microprofile-config.properties}.
 */
public final class Deployments {

    private Deployments() {
    }

    /** A war named {@code name}.war with RedisEE, the classes of {@code org.redisee.it.app}, and this configuration. */
    public static WebArchive redisApp(String name, Map<String, String> config) {
        WebArchive base = ShrinkWrap.createFromZipFile(WebArchive.class, war("it.baseWar", "the base war"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .merge(base)
                .addPackage(RestApp.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    /**
     * The chat sample's war (system property {@code it.sampleWar}) as {@code name}.war, with {@code overrides} appended
     * to its {@code microprofile-config.properties} (a later line wins).
     */
    public static WebArchive sampleApp(String name, Map<String, String> overrides) {
        WebArchive sample = ShrinkWrap.createFromZipFile(WebArchive.class, war("it.sampleWar", "the chat sample's war"));
        String configPath = "/WEB-INF/classes/META-INF/microprofile-config.properties";
        String config;
        try (InputStream in = sample.get(configPath).getAsset().openStream()) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configPath + " of the chat sample", e);
        }
        sample.delete(configPath);
        sample.add(new StringAsset(config + "\n# The test's settings\n" + properties(overrides)), configPath);
        return ShrinkWrap.create(WebArchive.class, name + ".war").merge(sample);
    }

    /** The probe war (no RedisEE): {@code GET /probe/api/threads} describes the server JVM's threads. */
    public static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "probe.war")
                .addPackage(ProbeApp.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static File war(String property, String what) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + property + " must name " + what + " (the server "
                    + "module's failsafe configuration sets it; run through Maven), but it is " + path);
        }
        return new File(path);
    }

    private static String properties(Map<String, String> config) {
        return new TreeMap<>(config).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
