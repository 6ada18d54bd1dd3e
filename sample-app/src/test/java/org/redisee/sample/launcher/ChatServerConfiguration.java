package org.redisee.sample.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The WildFly configuration the nodes run, {@code standalone-chat.xml}: standalone.xml, which has EJB timers and
 * WebSockets, with MicroProfile Health and Micrometer added by {@code standalone-chat.cli} (next to this class). It
 * is made once in the unpacked distribution, with WildFly's own CLI, and then copied into every node.
 */
final class ChatServerConfiguration {

    static final String NAME = "standalone-chat.xml";
    private static final String SCRIPT = "standalone-chat.cli";

    private ChatServerConfiguration() {
    }

    /** Makes the configuration unless an earlier run has. */
    static void prepare(Path wildflyHome) throws IOException, InterruptedException {
        Path configuration = wildflyHome.resolve("standalone/configuration");
        Path target = configuration.resolve(NAME);
        if (Files.exists(target)) {
            return;
        }
        long t = System.nanoTime();
        Console.say("Making " + NAME + " from standalone.xml (once after unpacking WildFly) ...");
        Files.copy(configuration.resolve("standalone.xml"), target);
        Path script = Files.createTempFile("standalone-chat", ".cli");
        try (InputStream in = ChatServerConfiguration.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
            ProcessBuilder cli = new ProcessBuilder(wildflyHome.resolve("bin/jboss-cli." + (windows ? "bat" : "sh"))
                    .toString(), "--file=" + script).redirectErrorStream(true);
            cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
            cli.environment().put("JBOSS_HOME", wildflyHome.toString());
            Process process = cli.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                Files.delete(target);
                throw new IllegalStateException("WildFly's CLI could not make " + NAME + ":\n" + output);
            }
        } finally {
            Files.delete(script);
        }
        Console.say(String.format(Locale.ROOT, "%s made in %.1f s", NAME, Console.secondsSince(t)));
    }
}
