package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.error.SluiceException;
import dev.sluice.job.OptionSource;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a request's options are read from: the query of a raw upload, or the members of a JSON
 * request; the options themselves are listed once in {@code job.Options}. Each getter answers null when the option is absent and refuses a value of the wrong
 * kind with {@code 400 invalid_option} naming it. Immutable and thread-safe.
 */
interface OptionValues extends OptionSource {
    ObjectMapper PARSER = new ObjectMapper();

    static OptionValues of(Context ctx) {
        return new Query(ctx);
    }

    static OptionValues of(JsonNode request) {
        return new Json(request);
    }

    /** {@code text} read as a JSON object; null for null; {@code 400 invalid_option} naming {@code name} otherwise. */
    private static ObjectNode jsonObject(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode v = PARSER.readTree(text);
            if (v instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // answered below, as for any text that is not an object
        }
        throw SluiceException.Invalid.option(name, name + " must be a JSON object (URL-encoded in a query),"
                + " such as {\"Customer ID\":\"customer_id\"}; got '" + text + "'");
    }

    /** The query parameters of a request. */
    record Query(Context ctx) implements OptionValues {
        @Override
        public String text(String name) {
            return Params.string(ctx, name);
        }

        @Override
        public boolean sentEmpty(String name) {
            return "".equals(ctx.queryParam(name));
        }

        @Override
        public Long number(String name) {
            return Params.longValue(ctx, name);
        }

        @Override
        public Boolean bool(String name) {
            return Params.bool(ctx, name);
        }

        @Override
        public List<String> list(String name) {
            String v = Params.string(ctx, name);
            return v == null ? null : List.of(v.split(",", -1));
        }

        @Override
        public ObjectNode object(String name) {
            return jsonObject(name, Params.string(ctx, name));
        }
    }

    /** The members of a JSON request; JSON null is absent. */
    record Json(JsonNode request) implements OptionValues {
        @Override
        public String text(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                throw SluiceException.Invalid.option(name, name + " must be a string, got " + v);
            }
            return v.asText().isEmpty() ? null : v.asText();
        }

        @Override
        public Long number(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw SluiceException.Invalid.option(name, name + " must be a whole number, got " + v);
            }
            return v.asLong();
        }

        @Override
        public Boolean bool(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            String t = v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
            if (t.equals("true") || t.equals("false")) {
                return t.equals("true");
            }
            throw SluiceException.Invalid.option(name, name + " must be true or false, got " + v);
        }

        @Override
        public List<String> list(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (v.isTextual()) {
                return List.of(v.asText().split(",", -1));
            }
            if (!v.isArray()) {
                throw SluiceException.Invalid.option(name, name + " must be an array of strings, got " + v);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw SluiceException.Invalid.option(name, name + " must be an array of strings, got " + v);
                }
                out.add(item.asText());
            }
            return out;
        }

        @Override
        public ObjectNode object(String name) {
            JsonNode v = value(name);
            if (v == null || v instanceof ObjectNode) {
                return (ObjectNode) v;
            }
            if (v.isTextual()) {
                return jsonObject(name, v.asText());
            }
            throw SluiceException.Invalid.option(name, name + " must be a JSON object, got " + v);
        }

        @Override
        public boolean sentEmpty(String name) {
            JsonNode v = value(name);
            return v != null && v.isTextual() && v.asText().isEmpty();
        }

        private JsonNode value(String name) {
            JsonNode v = request.get(name);
            return v == null || v.isNull() ? null : v;
        }
    }
}
