package org.redisee.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal blocking RESP2 connection to one Redis server, for tests that look at the server directly
 * (TTLs, {@code CLIENT LIST}, {@code INFO commandstats}, {@code DEBUG SLEEP}, {@code CLIENT PAUSE}, ...).
 *
 * <p>Replies map to Java as: simple and bulk strings to {@link String} (UTF-8), integers to {@link Long},
 * arrays to {@link List}, nil to {@code null}. A top-level error reply is thrown as {@link RedisReplyException};
 * an error inside an array (for example in an {@code EXEC} result) is returned as an element.
 *
 * <p>Not thread-safe: one connection per thread. Close it when done.
 */
public final class RedisCommands implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RedisCommands(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects to {@code host:port} without authentication. */
    public static RedisCommands connect(String host, int port) {
        return open(false, host, port);
    }

    /**
     * Connects to a Redis URL, {@code redis://[[user]:password@]host:port[/db]} or {@code rediss://...} for TLS
     * (trusting the JVM's default trust store). Sends {@code AUTH} and {@code SELECT} when the URL has them.
     */
    public static RedisCommands connect(String url) {
        URI uri = URI.create(url);
        boolean tls = "rediss".equals(uri.getScheme());
        if (!tls && !"redis".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Not a redis:// or rediss:// URL: " + url);
        }
        RedisCommands commands = open(tls, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        try {
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
                String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
                commands.call(user.isEmpty() ? new String[] {"AUTH", password} : new String[] {"AUTH", user, password});
            }
            String db = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            if (!db.isEmpty()) {
                commands.call("SELECT", db);
            }
            return commands;
        } catch (RuntimeException e) {
            commands.close();
            throw e;
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static RedisCommands open(boolean tls, String host, int port) {
        Socket socket = null;
        try {
            socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) DEFAULT_READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            return new RedisCommands(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot connect to Redis at " + host + ":" + port + ": " + e, e);
        }
    }

    /** Sets how long a reply may take (default 5 s); raise it before a {@code DEBUG SLEEP} longer than that. */
    public RedisCommands withReadTimeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and returns its reply as described in the class comment. */
    public Object execute(String... args) {
        try {
            write(args);
            Object reply = read();
            if (reply instanceof RedisReplyException error) {
                throw new RedisReplyException(error.getMessage()); // a fresh exception, so the stack trace is the caller's
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed: " + e, e);
        }
    }

    /** Sends one command whose reply is a string, an integer or nil, and returns it as a string (or null). */
    public String call(String... args) {
        Object reply = execute(args);
        if (reply instanceof List) {
            throw new IllegalStateException(args[0] + " returned an array; use execute(...)");
        }
        return reply == null ? null : reply.toString();
    }

    /** Sends one command whose reply is an integer, for example {@code TTL key} or {@code DBSIZE}. */
    public long callLong(String... args) {
        Object reply = execute(args);
        if (reply instanceof Long value) {
            return value;
        }
        throw new IllegalStateException(args[0] + " returned " + reply + " instead of an integer");
    }

    /** Sends {@code INFO section} and returns its {@code field:value} lines, in order. */
    public Map<String, String> info(String section) {
        return parseFields(call("INFO", section));
    }

    /** The {@code field:value} lines of an {@code INFO} or {@code CLUSTER INFO} reply. */
    static Map<String, String> parseFields(String reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : reply.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void write(String[] args) throws IOException {
        writeLine('*', args.length);
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            writeLine('$', bytes.length);
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    private void writeLine(char type, int length) throws IOException {
        out.write(type);
        out.write(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RedisReplyException(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(Integer.parseInt(line));
            case '*':
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(read());
                }
                return elements;
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "' followed by " + line);
        }
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2); // payload plus CRLF
        if (bytes.length < length + 2) {
            throw new EOFException("connection closed inside a bulk string");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new EOFException("connection closed inside a reply");
            }
            line.write(b);
        }
        in.read(); // the '\n' after '\r'
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing useful to do when closing fails
            }
        }
    }
}
