package org.redisee.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged while it is open: java.util.logging records at every level (RedisEE logs through JUL; the
 * records' parameters and stack traces included), and whatever reaches {@code System.out} and {@code System.err}
 * (Redisson logs through SLF4J, which the tests bind to slf4j-simple, writing to {@code System.err}). Output still
 * reaches the console as well.
 */
final class CapturedLogs implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            text.append(formatter.format(record));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(parameter).append('\n');
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLogs() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL); // FINE and below reach this handler; the console handler keeps its own INFO level
        System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream console) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        return new OutputStream() {
            @Override
            public synchronized void write(int b) {
                console.write(b);
                line.write(b);
                if (b == '\n') {
                    text.append(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }

            @Override
            public synchronized void flush() {
                console.flush();
                text.append(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        };
    }

    /** What was logged so far. */
    String text() {
        System.out.flush();
        System.err.flush();
        return text.toString();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        System.setOut(out);
        System.setErr(err);
    }
}
