package org.redisee.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A MicroProfile Health response, read from the test JVM. */
public final class Health {

    /** The name of RedisEE's readiness check. */
    public static final String CHECK = "redis";

    /** One check of the response; {@code data} is empty when the check has none. */
    public record Check(String name, String status, JsonObject data) {
    }

    private final int httpStatus;
    private final String status;
    private final Map<String, Check> checks;
    private final String raw;

    private Health(int httpStatus, String status, Map<String, Check> checks, String raw) {
        this.httpStatus = httpStatus;
        this.status = status;
        this.checks = checks;
        this.raw = raw;
    }

    /** GETs and parses a health endpoint (200 when UP, 503 when DOWN, both with a JSON body). */
    public static Health read(URI uri) {
        Http.Response response = Http.get(uri);
        if (response.status() != 200 && response.status() != 503) {
            throw new AssertionError("GET " + uri + " answered " + response);
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            Map<String, Check> checks = new LinkedHashMap<>();
            for (JsonValue value : json.getJsonArray("checks")) {
                JsonObject check = value.asJsonObject();
                JsonObject data = check.containsKey("data") && check.get("data").getValueType() == JsonValue.ValueType.OBJECT
                        ? check.getJsonObject("data") : JsonValue.EMPTY_JSON_OBJECT;
                checks.put(check.getString("name"), new Check(check.getString("name"), check.getString("status"), data));
            }
            return new Health(response.status(), json.getString("status"), checks, response.body());
        } catch (RuntimeException e) {
            throw new AssertionError("GET " + uri + " did not answer MicroProfile Health JSON: " + response, e);
        }
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String status() {
        return status;
    }

    public Optional<Check> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /**
     * What this report says about one RedisEE client. RedisEE reports every client in one readiness check named
     * {@code redis}, with data keys prefixed by the client name: {@code default.status}, {@code default.latency-ms},
     * {@code default.topology}, and {@code default.reason} while it is DOWN (docs/clients.md, "Health"). The data
     * keys of the result are without the prefix.
     */
    public Optional<ClientStatus> client(String name) {
        Check check = checks.get(CHECK);
        if (check == null || !check.data().containsKey(name + ".status")) {
            return Optional.empty();
        }
        Map<String, String> data = new LinkedHashMap<>();
        String prefix = name + ".";
        check.data().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                data.put(key.substring(prefix.length()), text(value));
            }
        });
        return Optional.of(new ClientStatus(name, data.get("status"), data));
    }

    /** Whether the report has client {@code name} with this status ({@code UP} or {@code DOWN}). */
    public boolean clientIs(String name, String expected) {
        return client(name).map(c -> expected.equals(c.status())).orElse(false);
    }

    /** Whether client {@code name} is DOWN with a non-empty {@code reason}. */
    public boolean clientDownWithReason(String name) {
        return client(name).map(c -> "DOWN".equals(c.status()) && c.reason().isPresent()).orElse(false);
    }

    /** One client's status and data (keys without any client prefix). */
    public record ClientStatus(String client, String status, Map<String, String> data) {
        public Optional<String> reason() {
            return Optional.ofNullable(data.get("reason")).filter(r -> !r.isBlank());
        }
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    @Override
    public String toString() {
        return "HTTP " + httpStatus + " " + raw;
    }
}
