package org.redisee.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Everything this JVM started and must clean up: one run directory under {@code java.io.tmpdir/redisee-testing}
 * holding every server's data directory, the servers themselves, and a shutdown hook that kills them.
 *
 * <p>A JVM killed with SIGKILL runs no shutdown hook, and its redis-server children live on. So each run
 * directory records its owner JVM and each server directory its redis-server pid; the next JVM that starts a
 * server kills the processes of run directories whose owner is gone, and deletes those directories.
 */
final class ServerRegistry {

    static final String PID_FILE = "redis.pid";
    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "redisee-testing");
    private static final String OWNER_FILE = "owner";
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static Path runDirectory;

    private ServerRegistry() {
    }

    /** A new, empty directory for one server (or one extracted binary). */
    static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(runDirectory(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for " + prefix, e);
        }
    }

    /** Closes {@code server} when the JVM exits, unless it was {@link #untrack untracked} before. */
    static void track(AutoCloseable server) {
        OPEN.add(server);
    }

    static void untrack(AutoCloseable server) {
        OPEN.remove(server);
    }

    /** Writes via a rename, so the reaper of another JVM never reads half a file. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (NoSuchFileException alreadyGone) {
            // another JVM reaped it, or it was never created
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static synchronized Path runDirectory() throws IOException {
        if (runDirectory == null) {
            Files.createDirectories(ROOT);
            reapOrphans();
            ProcessHandle self = ProcessHandle.current();
            Path dir = Files.createTempDirectory(ROOT, "jvm-" + self.pid() + "-");
            writeAtomically(dir.resolve(OWNER_FILE), ownerStamp(self));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(dir), "redisee-testing-cleanup"));
            runDirectory = dir;
        }
        return runDirectory;
    }

    private static void closeAll(Path dir) {
        for (AutoCloseable server : new ArrayList<>(OPEN)) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("RedisEE tests: could not stop " + server + ": " + e);
            }
        }
        deleteTree(dir);
    }

    /** The pid plus the start time, so a recycled pid is not mistaken for a live owner. */
    private static String ownerStamp(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Object::toString).orElse("");
    }

    static void reapOrphans() throws IOException {
        List<Path> runDirectories;
        try (Stream<Path> children = Files.list(ROOT)) {
            runDirectories = children.filter(p -> p.getFileName().toString().startsWith("jvm-")).toList();
        }
        for (Path dir : runDirectories) {
            Optional<String> owner = readQuietly(dir.resolve(OWNER_FILE));
            // no owner file yet: that JVM is creating the directory right now
            if (owner.isPresent() && !isAlive(owner.get())) {
                killServersUnder(dir);
                deleteTree(dir);
            }
        }
    }

    private static boolean isAlive(String ownerStamp) {
        long pid = Long.parseLong(ownerStamp.substring(0, ownerStamp.indexOf(' ')));
        return ProcessHandle.of(pid).map(ServerRegistry::ownerStamp).filter(ownerStamp::equals).isPresent()
                && !isZombie(pid);
    }

    /** A killed JVM stays a zombie until its parent reaps it, and ProcessHandle still reports it alive. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")); // Linux only
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z'; // "pid (command) state ..."
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void killServersUnder(Path dir) throws IOException {
        List<Path> pidFiles;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            pidFiles = files.filter(p -> p.getFileName().toString().equals(PID_FILE)).toList();
        }
        for (Path pidFile : pidFiles) {
            readQuietly(pidFile)
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())))
                    .filter(ServerRegistry::looksLikeRedis)
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Guards against a recycled pid. Debian's redis-server is a link to redis-check-rdb, so the executable name
     * may not say redis-server; the command line (which Redis rewrites to "redis-server host:port") does.
     */
    private static boolean looksLikeRedis(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("").contains("redis") || info.commandLine().orElse("").contains("redis");
    }

    private static Optional<String> readQuietly(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
