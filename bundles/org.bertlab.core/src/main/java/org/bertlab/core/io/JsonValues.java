package org.bertlab.core.io;

import org.apache.commons.lang3.StringUtils;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** Words for what a JSON value is, so that a message says "found an object", never Gson's "JsonObject". */
public final class JsonValues {

    private JsonValues() {
    }

    /** "null", "an object", "a list", "the number 8.5", "the text "abc"" or "true"/"false". */
    public static String describe(final JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        final JsonPrimitive p = e.getAsJsonPrimitive();
        final String text = StringUtils.abbreviate(p.toString(), 40);
        return p.isNumber() ? "the number " + text : p.isBoolean() ? text : "the text " + text;
    }
}
