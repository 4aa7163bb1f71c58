package org.chainbreaker.gateway.transcoding;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads exactly one RFC 8259 JSON document: no comments, single quotes, unquoted names, {@code =},
 * bare NaN or Infinity, nothing after the document, and no name twice in one object (the refusal
 * names it). Gson's own parser takes the last of two equal names and, by default, much else; this
 * one builds the tree without recursion (the depth was bounded by {@link JsonLimits} already).
 */
final class StrictJson {

    private StrictJson() {}

    static JsonElement parse(String json) throws BadRequest {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        Deque<JsonElement> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        JsonElement root = null;
        try {
            do {
                JsonToken token = reader.peek();
                JsonElement value = null;
                switch (token) {
                    case BEGIN_OBJECT -> {
                        reader.beginObject();
                        JsonObject object = new JsonObject();
                        attach(open, names, object);
                        open.push(object);
                        continue;
                    }
                    case BEGIN_ARRAY -> {
                        reader.beginArray();
                        JsonArray array = new JsonArray();
                        attach(open, names, array);
                        open.push(array);
                        continue;
                    }
                    case END_OBJECT -> {
                        reader.endObject();
                        value = open.pop();
                    }
                    case END_ARRAY -> {
                        reader.endArray();
                        value = open.pop();
                    }
                    case NAME -> {
                        String name = reader.nextName();
                        if (((JsonObject) open.peek()).has(name)) {
                            throw BadRequest.field(where(reader, name), "is given more than once");
                        }
                        names.push(name);
                        continue;
                    }
                    case STRING ->
                            value = attach(open, names, new JsonPrimitive(reader.nextString()));
                    case NUMBER ->
                            value =
                                    attach(
                                            open,
                                            names,
                                            new JsonPrimitive(
                                                    new LazilyParsedNumber(reader.nextString())));
                    case BOOLEAN ->
                            value = attach(open, names, new JsonPrimitive(reader.nextBoolean()));
                    case NULL -> {
                        reader.nextNull();
                        value = attach(open, names, JsonNull.INSTANCE);
                    }
                    case END_DOCUMENT -> throw BadRequest.field("", "the request body is empty");
                }
                if (open.isEmpty()) {
                    root = value;
                }
            } while (!open.isEmpty());
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw BadRequest.field("", "the request body holds more than one JSON document");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String at = reader.getPath().replaceFirst("^\\$\\.?", "");
            throw BadRequest.field(at, "the request body is not well-formed JSON (RFC 8259)");
        }
        return root;
    }

    /**
     * Adds a value to the innermost open object or array; answers the value if it is the whole
     * document.
     */
    private static JsonElement attach(
            Deque<JsonElement> open, Deque<String> names, JsonElement value) {
        JsonElement parent = open.peek();
        if (parent instanceof JsonObject object) {
            object.add(names.pop(), value);
        } else if (parent instanceof JsonArray array) {
            array.add(value);
        }
        return value;
    }

    private static String where(JsonReader reader, String name) {
        String path = reader.getPath().replaceFirst("^\\$\\.?", "");
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
