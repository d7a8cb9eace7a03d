package org.bertlab.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.io.JsonValues;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads and writes a {@link BertConfig} as Hugging Face's {@code config.json}, so transformers' BertConfig reads
 * what is written and every field transformers writes is read.
 */
public final class ConfigJson {

    /** The file name Hugging Face uses. */
    public static final String FILE_NAME = "config.json";

    private ConfigJson() {
    }

    /**
     * Reads a Hugging Face config.json.
     *
     * @throws ModelLoadException naming the file when it is missing, not JSON, not a BERT or lacks a needed field
     */
    public static BertConfig read(final Path file) throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": config.json not found. A model folder needs the Hugging Face "
                + "config.json that describes the architecture.");
        }
        final JsonObject json;
        try {
            final JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new ModelLoadException(file + ": not a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new ModelLoadException(file + ": cannot read as JSON: " + e.getMessage(), e);
        }
        return fromJson(json, file.toString());
    }

    static BertConfig fromJson(final JsonObject json, final String source) throws ModelLoadException {
        try {
            final String type = string(json, "model_type", "bert");
            if (!"bert".equals(type)) {
                throw new ModelLoadException(source + ": model_type is '" + type + "', but only BERT models "
                    + "(model_type 'bert') are supported.");
            }
            final String act = string(json, "hidden_act", "gelu");
            if (!"gelu".equals(act)) {
                throw new ModelLoadException(source + ": hidden_act '" + act + "' is not supported; BERT uses "
                    + "'gelu'.");
            }
            final List<String> labels = readLabels(json);
            return new BertConfig(required(json, "vocab_size", source), required(json, "hidden_size", source),
                required(json, "num_hidden_layers", source), required(json, "num_attention_heads", source),
                required(json, "intermediate_size", source), required(json, "max_position_embeddings", source),
                optionalInt(json, "type_vocab_size", 2), optionalFloat(json, "layer_norm_eps", 1e-12f),
                optionalFloat(json, "hidden_dropout_prob", 0.1f),
                optionalFloat(json, "attention_probs_dropout_prob", 0.1f), optionalInt(json, "pad_token_id", 0),
                labels);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        }
    }

    /** id2label: keys 0..n-1, each once, values strings. */
    private static List<String> readLabels(final JsonObject json) {
        if (!json.has("id2label") || json.get("id2label").isJsonNull()) {
            return List.of();
        }
        if (!json.get("id2label").isJsonObject()) {
            throw new IllegalArgumentException("id2label must be an object of index to label, found "
                + JsonValues.describe(json.get("id2label")));
        }
        final JsonObject id2label = json.getAsJsonObject("id2label");
        final String[] labels = new String[id2label.size()];
        for (final var entry : id2label.entrySet()) {
            final int index;
            try {
                index = Integer.parseInt(entry.getKey().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("id2label key '" + StringUtils.abbreviate(entry.getKey(), 40)
                    + "' is not a class index; the keys must be 0.." + (labels.length - 1) + ".", e);
            }
            if (index < 0 || index >= labels.length || labels[index] != null) {
                throw new IllegalArgumentException("id2label key '" + entry.getKey() + "' is out of range or "
                    + "repeated; the keys must be 0.." + (labels.length - 1) + ", each once.");
            }
            final JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive()) {
                throw new IllegalArgumentException("id2label '" + entry.getKey() + "' must be a label text, found "
                    + JsonValues.describe(value));
            }
            labels[index] = value.getAsString();
        }
        return List.of(labels);
    }

    private static int required(final JsonObject json, final String key, final String source)
        throws ModelLoadException {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            throw new ModelLoadException(source + ": the field '" + key + "' is missing; a BERT config needs "
                + "vocab_size, hidden_size, num_hidden_layers, num_attention_heads, intermediate_size and "
                + "max_position_embeddings.");
        }
        return integer(json, key);
    }

    /** A whole number that fits an int: 8.5, "768", true, 1e10 and objects are refused, not truncated or parsed. */
    private static int integer(final JsonObject json, final String key) {
        final JsonElement e = json.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return e.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException | NumberFormatException ex) {
                throw new IllegalArgumentException("the field '" + key + "' must be a whole number that fits 32 "
                    + "bits, found " + JsonValues.describe(e), ex);
            }
        }
        throw new IllegalArgumentException("the field '" + key + "' must be a whole number, found "
            + JsonValues.describe(e));
    }

    private static int optionalInt(final JsonObject json, final String key, final int fallback) {
        return json.has(key) && !json.get(key).isJsonNull() ? integer(json, key) : fallback;
    }

    private static float optionalFloat(final JsonObject json, final String key, final float fallback) {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            return fallback;
        }
        final JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("the field '" + key + "' must be a number, found "
                + JsonValues.describe(e));
        }
        return e.getAsFloat();
    }

    private static String string(final JsonObject json, final String key, final String fallback) {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            return fallback;
        }
        final JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("the field '" + key + "' must be a text, found "
                + JsonValues.describe(e));
        }
        return e.getAsString();
    }

    /** Writes the config in Hugging Face's format, so transformers' BertConfig reads it unchanged. */
    public static void write(final BertConfig config, final Path file, final String architecture)
        throws IOException {
        final JsonObject json = new JsonObject();
        final com.google.gson.JsonArray archs = new com.google.gson.JsonArray();
        archs.add(architecture);
        json.add("architectures", archs);
        json.addProperty("model_type", "bert");
        json.addProperty("vocab_size", config.vocabSize());
        json.addProperty("hidden_size", config.hiddenSize());
        json.addProperty("num_hidden_layers", config.numLayers());
        json.addProperty("num_attention_heads", config.numHeads());
        json.addProperty("intermediate_size", config.intermediateSize());
        json.addProperty("hidden_act", "gelu");
        json.addProperty("hidden_dropout_prob", config.hiddenDropout());
        json.addProperty("attention_probs_dropout_prob", config.attentionDropout());
        json.addProperty("max_position_embeddings", config.maxPositions());
        json.addProperty("type_vocab_size", config.typeVocabSize());
        json.addProperty("initializer_range", 0.02);
        json.addProperty("layer_norm_eps", config.layerNormEps());
        json.addProperty("pad_token_id", config.padTokenId());
        json.addProperty("position_embedding_type", "absolute");
        final List<String> labels = config.labels();
        if (!labels.isEmpty()) {
            final JsonObject id2label = new JsonObject();
            final JsonObject label2id = new JsonObject();
            for (int i = 0; i < labels.size(); i++) {
                id2label.addProperty(Integer.toString(i), labels.get(i));
                label2id.addProperty(labels.get(i), i);
            }
            json.add("id2label", id2label);
            json.add("label2id", label2id);
        }
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n",
            StandardCharsets.UTF_8);
    }
}
