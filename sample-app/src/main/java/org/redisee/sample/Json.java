package org.redisee.sample;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The application's one JSON-B instance: creating one is costly, sharing one is safe. */
public final class Json {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private Json() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }
}
