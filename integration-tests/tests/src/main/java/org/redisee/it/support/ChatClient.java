package org.redisee.it.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One user of the chat sample, as its page uses it: the HTTP API under {@code api/} with the session cookie
 * ({@code SESSION}, a RedisEE session), and a room's WebSocket under {@code ws/rooms/<room>}. Client side only.
 */
public final class ChatClient {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient WEB_SOCKETS = HttpClient.newHttpClient();

    private final SessionBrowser browser = new SessionBrowser("SESSION");

    /** Registers (and so signs in) a new user; the chat answers 201. */
    public void register(URL chat, String name, String password) {
        expect(201, "POST", chat, "api/accounts", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
    }

    /** Who this session is signed in as: {@code GET api/session} must answer 200 with the profile. */
    public String signedInProfile(URL chat) {
        return expect(200, "GET", chat, "api/session", null);
    }

    /** Opens a room, or finds it open. */
    public void openRoom(URL chat, String room) {
        Http.Response response = browser.send("POST", chat, "api/rooms", "{\"name\":\"" + room + "\"}");
        if (response.status() != 201 && response.status() != 200) {
            throw new AssertionError("POST api/rooms answered " + response);
        }
    }

    /** Posts a message; the chat answers 201. */
    public void send(URL chat, String room, String text) {
        expect(201, "POST", chat, "api/rooms/" + room + "/messages", "{\"text\":\"" + text + "\"}");
    }

    /** The room's history, as the chat's JSON array. */
    public String history(URL chat, String room) {
        return expect(200, "GET", chat, "api/rooms/" + room + "/messages", null);
    }

    /** Joins a room's WebSocket with this session's cookie. */
    public RoomSocket join(URL chat, String room) {
        URI uri = URI.create(Http.resolve(chat, "ws/rooms/" + room).toString().replaceFirst("^http", "ws"));
        RoomSocket socket = new RoomSocket();
        try {
            socket.webSocket = WEB_SOCKETS.newWebSocketBuilder()
                    .header("Cookie", browser.cookie())
                    .connectTimeout(WAIT)
                    .buildAsync(uri, socket)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot open " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return socket;
    }

    private String expect(int status, String method, URL chat, String path, String json) {
        Http.Response response = browser.send(method, chat, path, json);
        if (response.status() != status) {
            throw new AssertionError(method + " " + path + " answered " + response + ", expected " + status);
        }
        return response.body();
    }

    /** A joined room: the text frames the chat pushes, whole, in order. */
    public static final class RoomSocket implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile String closeReason;
        private WebSocket webSocket;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeReason = statusCode + " " + reason;
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeReason = error.toString();
            closed.countDown();
        }

        /** Waits for a frame that contains {@code text}; earlier frames (presence) are skipped. */
        public String await(String text) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String frame = frames.poll(250, TimeUnit.MILLISECONDS);
                    if (frame != null && frame.contains(text)) {
                        return frame;
                    }
                    if (closed.getCount() == 0 && frames.isEmpty()) {
                        throw new AssertionError("the room's WebSocket closed (" + closeReason + ") before a frame with "
                                + text + " came");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            throw new AssertionError("no WebSocket frame with " + text + " within " + WAIT.toSeconds() + " s");
        }

        /** Closes the connection and waits for the server's close frame, so no socket outlives the deployment. */
        @Override
        public void close() {
            try {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT.toSeconds(), TimeUnit.SECONDS);
                closed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                webSocket.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                webSocket.abort();
            }
        }
    }
}
