package dev.forkbook.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's JSON object, with typed accessors that turn every missing field or wrong type into a
 * 400 naming the field, so that a bad request never reaches the kernel.
 */
final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonBody parse(byte[] body, ObjectMapper mapper) {
        if (body.length == 0) {
            throw ApiException.badRequest("Request body must be a JSON object.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("Unreadable request body.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object.");
        }
        return new JsonBody(node);
    }

    /** A string field that must be present. */
    String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string.");
        }
        return value.textValue();
    }

    /** A string field that may be absent or null. */
    String optionalString(String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string.");
        }
        return value.textValue();
    }

    /** An identifier given as a string or an integer (clients of the seed send either). */
    String requiredId(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw ApiException.badRequest(field + " must be a string.");
    }

    /** An array of strings, possibly empty. */
    java.util.List<String> stringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(field + " must be an array of strings.");
        }
        java.util.List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be an array of strings.");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** An object whose values are all strings, kept in the client's order. */
    Map<String, String> requiredStringMap(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        if (!value.isObject()) {
            throw ApiException.badRequest(field + " must be an object.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw ApiException.badRequest(field + "." + entry.getKey() + " must be a string.");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    /** A required, non-empty array of strings. */
    List<String> requiredStringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw ApiException.badRequest(field + " must be a non-empty array of strings.");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be a non-empty array of strings.");
            }
            items.add(item.textValue());
        }
        return items;
    }
}
