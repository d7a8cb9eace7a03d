package org.bertlab.core.qa;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * How an extractive QA model reads a context: the window it was trained with. Fine-tuning attaches these settings
 * to the model ({@value #FILE_NAME}, saved beside the weights), so prediction after any reload windows contexts
 * exactly as training did. The defaults are the one place for QA's defaults, used by training options, the
 * command line and the nodes.
 *
 * @param windowLength tokens per window, special tokens included
 * @param stride tokens between the starts of consecutive windows of a long context (run_squad's doc_stride)
 * @param maxQuestionTokens questions are cut to this many tokens
 * @param maxAnswerTokens longest answer span considered, in tokens
 */
public record QaSettings(int windowLength, int stride, int maxQuestionTokens, int maxAnswerTokens) {

    /** The attachment's file name in a model folder. */
    public static final String FILE_NAME = "qa_settings.json";

    public static final int DEFAULT_STRIDE = 128;

    public static final int DEFAULT_MAX_ANSWER_TOKENS = 30;

    public static final int DEFAULT_MAX_QUESTION_TOKENS = 64;

    public QaSettings {
        Validate.isTrue(windowLength >= 4, "the QA window must hold at least 4 tokens, got %d", windowLength);
        Validate.isTrue(stride >= 1, "the QA stride must be at least 1, got %d", stride);
        Validate.isTrue(maxQuestionTokens >= 1, "the longest question must be at least 1 token, got %d",
            maxQuestionTokens);
        Validate.isTrue(maxAnswerTokens >= 1, "the longest answer must be at least 1 token, got %d",
            maxAnswerTokens);
    }

    /**
     * The settings the model was trained with, or, for a model without them (a QA model from elsewhere), the
     * defaults with windows as long as its tokenizer allows.
     *
     * @throws IllegalArgumentException when the model's {@value #FILE_NAME} is invalid
     */
    public static QaSettings of(final BertModel model) {
        return attached(model).orElseGet(() -> new QaSettings(Math.min(model.tokenizer().maxLength(),
            model.config().maxPositions()), DEFAULT_STRIDE, DEFAULT_MAX_QUESTION_TOKENS, DEFAULT_MAX_ANSWER_TOKENS));
    }

    /** The settings attached to the model, if any. */
    public static Optional<QaSettings> attached(final BertModel model) {
        final byte[] bytes = model.attachments().get(FILE_NAME);
        return bytes == null ? Optional.empty() : Optional.of(parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Attaches these settings, so {@link BertModel#save} writes them beside the weights. */
    public void attachTo(final TrainableModel model) {
        model.attach(FILE_NAME, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The same settings with another stride and longest answer (a prediction's own choice). */
    public QaSettings withPrediction(final int newStride, final int newMaxAnswerTokens) {
        return new QaSettings(windowLength, newStride, maxQuestionTokens, newMaxAnswerTokens);
    }

    String toJson() {
        final JsonObject json = new JsonObject();
        json.addProperty("window_length", windowLength);
        json.addProperty("stride", stride);
        json.addProperty("max_question_tokens", maxQuestionTokens);
        json.addProperty("max_answer_tokens", maxAnswerTokens);
        return new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n";
    }

    static QaSettings parse(final String text) {
        try {
            final JsonElement parsed = JsonParser.parseString(text);
            Validate.isTrue(parsed.isJsonObject(), "the model's %s is not a JSON object", FILE_NAME);
            final JsonObject json = parsed.getAsJsonObject();
            return new QaSettings(field(json, "window_length"), field(json, "stride"),
                field(json, "max_question_tokens"), field(json, "max_answer_tokens"));
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("the model's " + FILE_NAME + " is invalid: " + e.getMessage(), e);
        }
    }

    private static int field(final JsonObject json, final String name) {
        final JsonElement value = json.get(name);
        Validate.isTrue(value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber(),
            "the model's %s lacks the whole number %s", FILE_NAME, name);
        return value.getAsInt();
    }
}
