package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.error.SluiceException;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /v1/collections}: {@code {name, fields: [{name, type, required,
 * max_length, format}], key, key_case_insensitive}}. Strict, as the document is closed: an unknown member or a
 * member of the wrong kind is {@code 400 invalid_collection} naming it in {@code details.field} (such as
 * {@code fields[1].required}; a field's bad type or max_length is {@code fields}, as it always was); a body that is not JSON by its Content-Type is
 * {@code 415 unsupported_media_type}. Stateless and thread-safe.
 */
final class CollectionDefinitions {
    private static final Set<String> MEMBERS = Set.of("name", "fields", "key", "key_case_insensitive");
    private static final Set<String> FIELD_MEMBERS = Set.of("name", "type", "required", "max_length", "format");

    private CollectionDefinitions() {
    }

    /** Refuses a body whose Content-Type says it is not JSON; a body without one is read as JSON. */
    static void requireJson(Context ctx, String what) {
        String type = ctx.contentType();
        if (type != null && !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "POST " + ctx.path() + " takes " + what
                    + " (Content-Type: application/json), got Content-Type '" + type + "'",
                    Map.of("content_type", type));
        }
    }

    /** The collection the body defines, checked by {@link CollectionSchema#define} once its members are read. */
    static CollectionSchema definition(JsonNode body, int maxFields) {
        if (!body.isObject()) {
            throw invalid("body", "a collection definition is a JSON object");
        }
        onlyKnown(body, MEMBERS, "", "a collection definition has name, fields, key and key_case_insensitive");
        JsonNode fieldNodes = body.path("fields");
        if (!fieldNodes.isArray()) {
            throw invalid("fields", "fields must be an array of {name, type, required, max_length, format}");
        }
        if (fieldNodes.size() > maxFields) {
            throw new SluiceException.TooLarge("payload_too_large", "the collection defines " + fieldNodes.size()
                    + " fields, more than the limit of " + maxFields + " set by --max-fields / SLUICE_MAX_FIELDS",
                    Map.of("limit_fields", maxFields, "setting", "max_fields", "field", "fields"));
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < fieldNodes.size(); i++) {
            fields.add(field(fieldNodes.get(i), "fields[" + i + "]"));
        }
        List<String> key = new ArrayList<>();
        JsonNode keyNode = body.get("key");
        if (keyNode != null && keyNode.isTextual()) {
            key.add(keyNode.asText());
        } else if (keyNode != null && keyNode.isArray()) {
            for (int i = 0; i < keyNode.size(); i++) {
                key.add(string(keyNode.get(i), "key[" + i + "]"));
            }
        } else if (keyNode != null && !keyNode.isNull()) {
            throw invalid("key", "key must be a field name or an array of field names, got " + keyNode);
        }
        Boolean caseInsensitive = bool(body.get("key_case_insensitive"), "key_case_insensitive");
        return CollectionSchema.define(string(body.get("name"), "name"), fields, key, Boolean.TRUE.equals(caseInsensitive));
    }

    private static Field field(JsonNode f, String where) {
        if (!f.isObject()) {
            throw invalid(where, where + " must be an object {name, type, required, max_length, format}, got " + f);
        }
        onlyKnown(f, FIELD_MEMBERS, where + ".", "a field has name, type, required, max_length and format");
        String name = string(f.get("name"), where + ".name");
        String typeName = string(f.get("type"), where + ".type");
        FieldType type = FieldType.fromWireName(typeName);
        if (type == null) {
            throw invalid("fields", "field '" + name + "' has type '" + typeName + "'; types are string,"
                    + " integer, number, decimal, boolean, date, timestamp, uuid, json");
        }
        JsonNode max = f.get("max_length");
        if (max != null && !max.isNull() && !(max.isIntegralNumber() && max.canConvertToInt())) {
            throw invalid("fields", "field '" + name + "': max_length must be a whole number, got " + max);
        }
        return new Field(name, type, Boolean.TRUE.equals(bool(f.get("required"), where + ".required")),
                max == null || max.isNull() ? null : max.asInt(), string(f.get("format"), where + ".format"));
    }

    private static void onlyKnown(JsonNode object, Set<String> known, String prefix, String has) {
        for (String member : (Iterable<String>) object::fieldNames) {
            if (!known.contains(member)) {
                throw invalid(prefix + member, "unknown member '" + prefix + member + "'; " + has);
            }
        }
    }

    private static String string(JsonNode v, String where) {
        return member(v, where, v != null && v.isTextual(), "a string") ? v.asText() : null;
    }

    private static Boolean bool(JsonNode v, String where) {
        return member(v, where, v != null && v.isBoolean(), "true or false") ? v.booleanValue() : null;
    }

    /** Whether an optional member is there; when it is there but not {@code expected}, refuses it. */
    private static boolean member(JsonNode v, String where, boolean expected, String what) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (!expected) {
            throw invalid(where, where + " must be " + what + ", got " + v);
        }
        return true;
    }

    private static SluiceException.Invalid invalid(String where, String message) {
        return new SluiceException.Invalid("invalid_collection", message, Map.of("field", where));
    }
}
