package org.redisee.benchmarks.session;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection, the cheapest client that still speaks real HTTP: the request bytes are built
 * once, the answer is parsed in place (status, {@code Set-Cookie}, {@code Content-Length} or chunked body). The load
 * generator shares the machine with the server, so every microsecond it spends is taken from the server. Not
 * thread-safe: one per client thread.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** How often the server closed the connection and it was opened again. */
    int reconnects;

    /** The last answer: status, the last Set-Cookie header (null if none), the body. */
    int status;
    String setCookie;
    final byte[] body = new byte[8 * 1024];
    int bodyLength;
    /** The last answer's status line and headers, kept only when {@link #keepHeaders} is set (for diagnostics). */
    final StringBuilder headers = new StringBuilder();
    boolean keepHeaders;

    KeepAliveConnection(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        open();
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        position = limit = 0;
    }

    /** A GET request's bytes, with the cookie if not null. */
    static byte[] get(String host, int port, String path, String cookie) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(':').append(port).append("\r\nUser-Agent: redisee-session-bench\r\n");
        if (cookie != null) {
            request.append("Cookie: ").append(cookie).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the request and reads the whole answer; reopens the connection once if the server had closed it. */
    void exchange(byte[] request) throws IOException {
        try {
            send(request);
        } catch (IOException e) {
            reconnect();
            send(request);
        }
    }

    private void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        readResponse();
    }

    private void reconnect() throws IOException {
        close();
        reconnects++;
        open();
    }

    private void readResponse() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.substring(9, 12));
        headers.setLength(0);
        if (keepHeaders) {
            headers.append(statusLine);
        }
        setCookie = null;
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (keepHeaders) {
                headers.append(" | ").append(header);
            }
            int colon = header.indexOf(':');
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("set-cookie")) {
                setCookie = value; // the last one wins, as in a browser (the benchmark uses one cookie per war)
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        bodyLength = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                readBody(size);
                line();
            }
            line();
        } else if (contentLength >= 0) {
            readBody((int) contentLength);
        } else {
            throw new IOException("An answer with neither Content-Length nor chunked encoding: " + statusLine);
        }
        if (close) {
            reconnect();
        }
    }

    private void readBody(int length) throws IOException {
        for (int i = 0; i < length; i++) {
            int b = read();
            if (bodyLength < body.length) {
                body[bodyLength++] = (byte) b;
            }
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = read(); b != '\n'; b = read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                throw new EOFException("the server closed the connection");
            }
        }
        return buffer[position++] & 0xff;
    }

    String body() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    boolean bodyEquals(byte[] expected) {
        if (bodyLength != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (body[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
