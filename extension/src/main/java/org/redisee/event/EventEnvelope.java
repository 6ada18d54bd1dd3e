package org.redisee.event;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event on the wire, JSON that {@code redis-cli} shows as it is:
 * <pre>{"origin":"…","seq":12,"async":false,"type":"com.acme.ChatMessage","qualifiers":[{"type":"com.acme.Urgent","members":{}}],"payload":{…}}</pre>
 *
 * @param origin     the node that fired it, so that it does not hear its own event twice
 * @param sequence   the origin's count of events on this topic, to check order
 * @param async      fired with {@code fireAsync}: other nodes deliver it to their {@code @ObservesAsync} observers,
 *                   as the firing node did, and the others to their {@code @Observes} observers
 * @param type       the payload's class name; only observed types are ever read
 * @param qualifiers the event's other qualifiers, with their members as strings
 * @param payload    the payload as JSON text
 */
record EventEnvelope(String origin, long sequence, boolean async, String type, List<QualifierData> qualifiers,
                     String payload) {

    /** Looked up once: {@code Json.create...} looks the provider up on every call, which cost 40 % of a publish. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** A qualifier: its annotation type's name, and each member's value as text. */
    record QualifierData(String type, Map<String, String> members) {
    }

    String toJson() {
        JsonArrayBuilder qualifierArray = JSON.createArrayBuilder();
        for (QualifierData qualifier : qualifiers) {
            JsonObjectBuilder members = JSON.createObjectBuilder();
            qualifier.members().forEach(members::add);
            qualifierArray.add(JSON.createObjectBuilder().add("type", qualifier.type()).add("members", members));
        }
        // The payload is spliced in as it is: it is already JSON, and re-parsing it would cost every event.
        String head = JSON.createObjectBuilder().add("origin", origin).add("seq", sequence).add("async", async).add("type", type)
                .add("qualifiers", qualifierArray).build().toString();
        return head.substring(0, head.length() - 1) + ",\"payload\":" + payload + "}";
    }

    /** @throws IllegalArgumentException when the text is not an envelope */
    static EventEnvelope parse(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            List<QualifierData> qualifiers = new ArrayList<>();
            JsonArray array = object.getJsonArray("qualifiers");
            if (array != null) {
                for (JsonValue value : array) {
                    JsonObject qualifier = value.asJsonObject();
                    Map<String, String> members = new LinkedHashMap<>();
                    JsonObject memberObject = qualifier.getJsonObject("members");
                    if (memberObject != null) {
                        memberObject.forEach((name, member) -> members.put(name, ((JsonString) member).getString()));
                    }
                    qualifiers.add(new QualifierData(qualifier.getString("type"), members));
                }
            }
            JsonValue payload = object.get("payload");
            if (payload == null) {
                throw new IllegalArgumentException("no payload");
            }
            return new EventEnvelope(object.getString("origin"), object.getJsonNumber("seq").longValue(),
                    object.getBoolean("async", false), object.getString("type"), qualifiers, payload.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a RedisEE event: " + e.getMessage(), e);
        }
    }
}
