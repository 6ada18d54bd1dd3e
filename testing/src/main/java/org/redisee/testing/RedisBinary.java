package org.redisee.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redis-server executable that this JVM runs. Chosen, in order:
 * <ol>
 *   <li>system property {@value #CHOICE_PROPERTY} or env {@value #CHOICE_ENV}: {@code embedded}, or the path of a
 *       redis-server binary;</li>
 *   <li>the first {@code redis-server} on {@code PATH} that is Redis 7.0 or later;</li>
 *   <li>the static Redis 7.0.15 binary inside the {@code org.signal:embedded-redis} jar, extracted to a file.</li>
 * </ol>
 * Each choice is probed once per JVM, and a one-line summary goes to stderr.
 */
final class RedisBinary {

    static final String CHOICE_PROPERTY = "redisee.test.redis-binary";
    static final String CHOICE_ENV = "REDISEE_REDIS_SERVER";
    static final String EMBEDDED = "embedded";
    private static final String EMBEDDED_VERSION = "7.0.15";
    private static final int MINIMUM_MAJOR_VERSION = 7; // for ADDSLOTSRANGE, SHUTDOWN NOW, enable-debug-command
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Map<String, Lazy<RedisBinary>> BY_CHOICE = new ConcurrentHashMap<>();

    final Path path;
    final String version;

    private RedisBinary(Path path, String version) {
        this.path = path;
        this.version = version;
    }

    /** The binary for the current choice (see the class comment); throws with instructions if there is none. */
    static RedisBinary get() {
        String choice = explicitChoice().orElse("");
        return BY_CHOICE.computeIfAbsent(choice, key -> new Lazy<>(() -> resolve(key))).get();
    }

    /** Whether the user named a binary, which also means "run processes, not Docker". */
    static boolean isExplicitlyChosen() {
        return explicitChoice().isPresent();
    }

    private static Optional<String> explicitChoice() {
        String choice = System.getProperty(CHOICE_PROPERTY, System.getenv(CHOICE_ENV));
        return Optional.ofNullable(choice).map(String::trim).filter(c -> !c.isEmpty());
    }

    private static RedisBinary resolve(String choice) {
        List<String> tried = new ArrayList<>();
        Optional<RedisBinary> binary;
        String origin;
        if (choice.equals(EMBEDDED)) {
            origin = "the org.signal:embedded-redis jar (" + CHOICE_PROPERTY + "=" + EMBEDDED + ")";
            binary = extractEmbedded(tried);
        } else if (!choice.isEmpty()) {
            origin = CHOICE_PROPERTY + " / " + CHOICE_ENV;
            binary = probe(Path.of(choice), tried);
        } else {
            origin = "PATH";
            binary = findOnPath(tried);
            if (binary.isEmpty()) {
                origin = "the org.signal:embedded-redis jar";
                binary = extractEmbedded(tried);
            }
        }
        RedisBinary found = binary.orElseThrow(() -> new IllegalStateException(howToGetRedis(tried)));
        RedisServers.report("redis-server " + found.version + " from " + found.path + " (" + origin + ")");
        return found;
    }

    private static Optional<RedisBinary> findOnPath(List<String> tried) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                Optional<RedisBinary> binary = probe(candidate, tried);
                if (binary.isPresent()) {
                    return binary;
                }
            }
        }
        tried.add("no usable redis-server on PATH");
        return Optional.empty();
    }

    /** Runs {@code redis-server --version} to check that the binary works and is recent enough. */
    private static Optional<RedisBinary> probe(Path binary, List<String> tried) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                tried.add(binary + " --version failed: " + output);
                return Optional.empty();
            }
            Matcher version = VERSION.matcher(output);
            if (!version.find()) {
                tried.add(binary + " --version printed no version: " + output);
                return Optional.empty();
            }
            if (Integer.parseInt(version.group(1)) < MINIMUM_MAJOR_VERSION) {
                tried.add(binary + " is Redis " + version.group() + ", older than " + MINIMUM_MAJOR_VERSION + ".0");
                return Optional.empty();
            }
            return Optional.of(new RedisBinary(binary.toAbsolutePath(), version.group().substring(2)));
        } catch (IOException e) {
            tried.add(binary + " cannot run: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + binary, e);
        }
    }

    /** Copies the jar's binary for this OS and CPU to this JVM's run directory and makes it executable. */
    private static Optional<RedisBinary> extractEmbedded(List<String> tried) {
        Optional<String> resource = embeddedResourceName();
        if (resource.isEmpty()) {
            tried.add("org.signal:embedded-redis has no binary for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            return Optional.empty();
        }
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource.get())) {
            if (in == null) {
                tried.add("resource " + resource.get() + " not on the classpath (org.signal:embedded-redis missing)");
                return Optional.empty();
            }
            Path binary = ServerRegistry.newDirectory("bin").resolve(resource.get());
            Files.copy(in, binary);
            if (!binary.toFile().setExecutable(true)) {
                tried.add("cannot make " + binary + " executable");
                return Optional.empty();
            }
            return probe(binary, tried);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + resource.get() + " from the embedded-redis jar", e);
        }
    }

    /** embedded-redis 0.9.1 ships {@code redis-server-7.0.15-<linux|darwin>-<amd64|arm64|386>}. */
    private static Optional<String> embeddedResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> null;
        };
        if (osPart == null || archPart == null || (osPart.equals("darwin") && archPart.equals("386"))) {
            return Optional.empty();
        }
        return Optional.of("redis-server-" + EMBEDDED_VERSION + "-" + osPart + "-" + archPart);
    }

    private static String howToGetRedis(List<String> tried) {
        return "No redis-server (7.0 or later) for the tests. Tried: " + String.join("; ", tried) + ".\n"
                + "To fix it, do one of:\n"
                + "  - install Redis: apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS);\n"
                + "  - set " + CHOICE_ENV + "=/path/to/redis-server (or -D" + CHOICE_PROPERTY + "=...);\n"
                + "  - put org.signal:embedded-redis:0.9.1 on the test classpath (it ships redis-server "
                + EMBEDDED_VERSION + " for Linux and macOS) and do not exclude it;\n"
                + "  - for the standalone server only: set " + RedisServers.URL_ENV
                + "=redis://host:port to use a Redis that is already running.";
    }

    @Override
    public String toString() {
        return "redis-server " + version + " at " + path;
    }
}
