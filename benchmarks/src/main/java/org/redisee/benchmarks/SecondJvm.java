package org.redisee.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node B of a two-JVM harness: a second {@code java} process on this class path, which takes one command per line on
 * its standard input and answers one line per command on its standard output (its logging goes to standard error).
 */
final class SecondJvm implements AutoCloseable {

    private final Process process;
    private final PrintWriter toB;
    private final BufferedReader fromB;

    SecondJvm(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        toB = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        fromB = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    void send(String command) {
        toB.println(command);
    }

    /** The next answer, which must start with {@code prefix}. */
    String expect(String prefix) throws IOException {
        String line = fromB.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("Node B answered '" + line + "', expected '" + prefix + "...'");
        }
        return line;
    }

    /** What node B does with one command: it may answer with several lines, each sent at once. */
    interface Commands {
        void handle(String[] command, java.util.function.Consumer<String> answer) throws Exception;
    }

    /**
     * Node B's side: answers "ready", then handles each line of standard input until "exit". Standard output carries
     * only answers; anything else printed goes to standard error.
     */
    static void serve(Commands commands) throws Exception {
        java.io.PrintStream toA = System.out;
        System.setOut(System.err);
        java.util.function.Consumer<String> answer = line -> {
            toA.println(line);
            toA.flush();
        };
        BufferedReader fromA = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answer.accept("ready");
        for (String line = fromA.readLine(); line != null && !line.equals("exit"); line = fromA.readLine()) {
            commands.handle(line.split(" "), answer);
        }
    }

    /** Waits until {@code System.nanoTime()} reaches {@code instant}: both JVMs read the same monotonic clock. */
    static void sleepUntil(long instant) {
        while (System.nanoTime() < instant) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1_000_000, instant - System.nanoTime()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        toB.println("exit");
        toB.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
