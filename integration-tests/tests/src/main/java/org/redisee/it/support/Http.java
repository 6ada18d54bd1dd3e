package org.redisee.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP GETs from the test JVM. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** A status code, the headers and a body. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return "HTTP " + status + ": " + body;
        }
    }

    public static Response get(URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + uri, e);
        }
    }

    /** GET {@code path} relative to a deployment's base URL (which ends with the context root and a slash). */
    public static Response get(URL base, String path) {
        return get(resolve(base, path));
    }

    /** GET that must answer 200; returns the body. */
    public static String getOk(URL base, String path) {
        Response response = get(base, path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + resolve(base, path) + " answered " + response);
        }
        return response.body();
    }

    public static URI resolve(URL base, String path) {
        try {
            return base.toURI().resolve(path);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(base.toString(), e);
        }
    }
}
