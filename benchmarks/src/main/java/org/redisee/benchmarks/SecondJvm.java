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

    @Override
    public void close() throws InterruptedException {
        toB.println("exit");
        toB.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
