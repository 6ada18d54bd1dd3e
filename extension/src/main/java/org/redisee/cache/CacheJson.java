package org.redisee.cache;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.redisee.serial.JsonDepth;

import java.lang.reflect.Type;

/**
 * Cache values as JSON, through the platform's JSON-B. The type always comes from the cached method's declared
 * return type, never from the data, so nothing in Redis can choose a class to instantiate.
 */
final class CacheJson implements AutoCloseable {

    private final Jsonb jsonb = JsonbBuilder.create();

    String write(Object value, Type type) {
        return jsonb.toJson(value, type);
    }

    /** @throws JsonbException also for text nested too deeply to parse safely ({@link JsonDepth}) */
    Object read(String json, Type type) {
        if (JsonDepth.tooDeep(json)) {
            throw new JsonbException("nested deeper than " + JsonDepth.MAX + " levels");
        }
        return jsonb.fromJson(json, type);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing is held that outlives the application
        }
    }
}
