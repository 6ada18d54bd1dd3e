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

    /** GET with request headers given as name, value, name, value... */
    public static Response get(URI uri, String... headers) {
        return send("GET", uri, null, headers);
    }

    /** A request with a JSON body, or none if {@code json} is null; headers as name, value pairs. */
    public static Response send(String method, URI uri, String json, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + uri, e);
        }
    }

    /** GET {@code path} relative to a deployment's base URL (which ends with the context root and a slash). */
    public static Response get(URL base, String path, String... headers) {
        return get(resolve(base, path), headers);
    }

    /** GET that must answer 200; returns the body. */
    public static String getOk(URL base, String path, String... headers) {
        Response response = get(base, path, headers);
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
