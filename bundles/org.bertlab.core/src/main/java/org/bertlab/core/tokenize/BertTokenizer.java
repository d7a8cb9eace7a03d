package org.bertlab.core.tokenize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;
import org.bertlab.core.io.JsonValues;
import org.bertlab.core.io.TextLines;
import org.bertlab.core.runtime.DjlRuntime;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

/**
 * A BERT WordPiece tokenizer: Hugging Face's Rust tokenizer (through DJL) driven by a {@code tokenizer.json}, or by a
 * {@code vocab.txt} converted to the equivalent tokenizer.json. Lower-casing is a switch on the normaliser, so
 * character offsets stay right (bge-small-zh ships {@code lowercase: false} and turns capitalised English into
 * [UNK] unless it is switched on).
 */
public final class BertTokenizer implements AutoCloseable {

    public static final String TOKENIZER_JSON = "tokenizer.json";

    public static final String VOCAB_TXT = "vocab.txt";

    private final JsonObject json;

    private final HuggingFaceTokenizer tokenizer;

    private final int maxLength;

    private final String[] vocabulary;

    private final Map<String, Integer> ids;

    private final boolean lowercase;

    private BertTokenizer(final JsonObject json, final int maxLength, final String source)
        throws TokenizerLoadException {
        Validate.isTrue(maxLength >= 2, "The maximum length must be at least 2 (for [CLS] and [SEP]), got %d",
            maxLength);
        this.json = json;
        this.maxLength = maxLength;
        this.vocabulary = readVocabulary(json, source);
        this.ids = new HashMap<>(vocabulary.length * 2);
        for (int i = 0; i < vocabulary.length; i++) {
            if (vocabulary[i] != null) {
                ids.putIfAbsent(vocabulary[i], i);
            }
        }
        this.lowercase = isLowercasing(json);
        final byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        final Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "true", "padding",
            "false", "maxLength", Integer.toString(maxLength));
        try {
            this.tokenizer = DjlRuntime.call(() -> {
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    return HuggingFaceTokenizer.newInstance(in, options);
                }
            });
        } catch (RuntimeException e) {
            throw new TokenizerLoadException(source + ": not a usable tokenizer.json: " + e.getMessage(), e);
        }
    }

    /**
     * Loads {@code tokenizer.json}, or else {@code vocab.txt}, from a model folder.
     *
     * @param lowercase true or false to override what the file says, null to keep it
     */
    public static BertTokenizer fromFolder(final Path folder, final Boolean lowercase, final int maxLength)
        throws TokenizerLoadException {
        final Path jsonFile = folder.resolve(TOKENIZER_JSON);
        if (Files.isRegularFile(jsonFile)) {
            try (InputStream in = Files.newInputStream(jsonFile)) {
                return fromJson(in, jsonFile.toString(), lowercase, maxLength);
            } catch (IOException e) {
                throw asLoadException(jsonFile, e);
            }
        }
        final Path vocabFile = folder.resolve(VOCAB_TXT);
        if (Files.isRegularFile(vocabFile)) {
            try {
                final List<String> lines = TextLines.readAll(vocabFile);
                final List<String> vocab = lines.stream().map(l -> StringUtils.stripEnd(l, "\r\n")).toList();
                final boolean lower = lowercase != null ? lowercase : readLowercaseFlag(folder);
                return new BertTokenizer(WordPieceJson.fromVocabulary(vocab, lower, vocabFile.toString()), maxLength,
                    vocabFile.toString());
            } catch (IOException e) {
                throw asLoadException(vocabFile, e);
            }
        }
        throw new TokenizerLoadException(folder + ": no tokenizer found. The folder needs tokenizer.json or "
            + "vocab.txt (a Hugging Face model folder has one of them).");
    }

    /** Loads a tokenizer.json from a stream; {@code source} names it in error messages. */
    public static BertTokenizer fromJson(final InputStream in, final String source, final Boolean lowercase,
        final int maxLength) throws TokenizerLoadException {
        final JsonObject json;
        try {
            final JsonElement parsed = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("model")) {
                throw new TokenizerLoadException(source + ": not a Hugging Face tokenizer.json (no 'model' entry).");
            }
            json = parsed.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new TokenizerLoadException(source + ": cannot read as JSON: " + e.getMessage(), e);
        }
        try {
            if (lowercase != null) {
                setLowercase(json, lowercase);
            }
            return new BertTokenizer(json, maxLength, source);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NullPointerException
            | NumberFormatException e) {
            // Gson's typed getters on a value of another type (the normaliser's fields, for example).
            throw new TokenizerLoadException(source + ": a field has an unexpected type (" + e.getMessage() + "); "
                + "the file is not a Hugging Face tokenizer.json as transformers writes it.", e);
        }
    }

    /**
     * A WordPiece tokenizer over a vocabulary held in memory, as {@link #fromFolder} makes it from that vocabulary's
     * {@code vocab.txt}; {@code source} names it in error messages.
     */
    public static BertTokenizer fromVocabulary(final List<String> vocabulary, final boolean lowercase,
        final int maxLength, final String source) throws TokenizerLoadException {
        return new BertTokenizer(WordPieceJson.fromVocabulary(vocabulary, lowercase, source), maxLength, source);
    }

    private static TokenizerLoadException asLoadException(final Path file, final IOException e) {
        return e instanceof TokenizerLoadException t ? t
            : new TokenizerLoadException(file + ": cannot read: " + e.getMessage(), e);
    }

    /**
     * The {@code model_max_length} a folder's {@code tokenizer_config.json} records (this engine writes it on every
     * save), or empty when there is none or it is transformers' "no limit" placeholder (about 1e30). A model saved
     * with a maximum length of 64 loads with 64, not with its position count.
     */
    public static OptionalInt savedMaxLength(final Path folder) {
        final Path config = folder.resolve("tokenizer_config.json");
        try {
            if (Files.isRegularFile(config)) {
                final JsonElement parsed = JsonParser.parseString(Files.readString(config));
                final JsonElement value = parsed.isJsonObject() ? parsed.getAsJsonObject().get("model_max_length")
                    : null;
                if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                    final double length = value.getAsDouble();
                    if (length >= 2 && length <= Integer.MAX_VALUE) {
                        return OptionalInt.of((int)length);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable optional file leaves the model's own length.
        }
        return OptionalInt.empty();
    }

    /** vocab.txt folders keep the lower-casing flag in tokenizer_config.json; BERT's default is true. */
    private static boolean readLowercaseFlag(final Path folder) {
        final Path config = folder.resolve("tokenizer_config.json");
        try {
            if (Files.isRegularFile(config)) {
                final JsonObject c = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
                if (c.has("do_lower_case")) {
                    return c.get("do_lower_case").getAsBoolean();
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable optional file leaves BERT's default.
        }
        return true;
    }

    /**
     * Reads the vocabulary and checks what the native tokenizer would otherwise reject with a panic (which aborts
     * the JVM) or with an opaque message: a WordPiece model, integer ids in a sane range, its unknown token present,
     * well-formed added tokens and special tokens of the post-processor that exist.
     */
    private static String[] readVocabulary(final JsonObject json, final String source)
        throws TokenizerLoadException {
        final JsonElement modelElement = json.get("model");
        if (modelElement == null || !modelElement.isJsonObject() || !modelElement.getAsJsonObject().has("vocab")
            || !modelElement.getAsJsonObject().get("vocab").isJsonObject()) {
            throw new TokenizerLoadException(source + ": the tokenizer has no WordPiece vocabulary (model.vocab); "
                + "BERT models use a WordPiece tokenizer.");
        }
        final JsonObject model = modelElement.getAsJsonObject();
        final String type = text(model, "type", "WordPiece", source, "model.type");
        if (!"WordPiece".equals(type)) {
            throw new TokenizerLoadException(source + ": model.type is '" + StringUtils.abbreviate(type, 40)
                + "', but BERT models use a WordPiece tokenizer.");
        }
        final JsonObject vocabJson = model.getAsJsonObject("vocab");
        final JsonArray added = json.has("added_tokens") && !json.get("added_tokens").isJsonNull()
            ? array(json, "added_tokens", source) : new JsonArray();
        // Ids index an array: each must be backed by an entry of the file, so a few bytes cannot ask for gigabytes.
        final long limit = 4L * (vocabJson.size() + added.size()) + 1024;
        final Map<Integer, String> byId = new HashMap<>();
        for (final var entry : vocabJson.entrySet()) {
            byId.put(id(entry.getValue(), limit, source, "model.vocab '" + StringUtils.abbreviate(entry.getKey(), 40)
                + "'"), entry.getKey());
        }
        final String unk = text(model, "unk_token", "[UNK]", source, "model.unk_token");
        if (!vocabJson.has(unk)) {
            throw new TokenizerLoadException(source + ": the vocabulary lacks the unknown token '"
                + StringUtils.abbreviate(unk, 40) + "' (model.unk_token); a WordPiece tokenizer needs it for words "
                + "it cannot split. Add it to model.vocab.");
        }
        for (final JsonElement token : added) {
            if (!token.isJsonObject()) {
                throw new TokenizerLoadException(source + ": added_tokens holds " + JsonValues.describe(token)
                    + " where an object {id, content} belongs.");
            }
            final JsonObject t = token.getAsJsonObject();
            final String content = text(t, "content", null, source, "added_tokens content");
            if (content == null) {
                throw new TokenizerLoadException(source + ": an entry of added_tokens has no content.");
            }
            byId.putIfAbsent(id(t.get("id"), limit, source, "added token '" + StringUtils.abbreviate(content, 40)
                + "'"), content);
        }
        final int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        final String[] vocab = new String[size];
        byId.forEach((id, token) -> vocab[id] = token);
        checkPostProcessor(json.get("post_processor"), vocab, source);
        return vocab;
    }

    /** BertProcessing names [CLS] and [SEP] as [token, id]; both must exist in the vocabulary. */
    private static void checkPostProcessor(final JsonElement element, final String[] vocab, final String source)
        throws TokenizerLoadException {
        if (element == null || element.isJsonNull()) {
            return;
        }
        if (!element.isJsonObject()) {
            throw new TokenizerLoadException(source + ": post_processor must be an object, found "
                + JsonValues.describe(element)
                + ".");
        }
        final JsonObject post = element.getAsJsonObject();
        for (final String key : List.of("cls", "sep")) {
            if (!post.has(key)) {
                continue;
            }
            final JsonElement pair = post.get(key);
            if (!pair.isJsonArray() || pair.getAsJsonArray().size() != 2
                || !pair.getAsJsonArray().get(0).isJsonPrimitive()) {
                throw new TokenizerLoadException(source + ": post_processor." + key + " must be [token, id], found "
                    + JsonValues.describe(pair) + ".");
            }
            final int id = id(pair.getAsJsonArray().get(1), vocab.length, source, "post_processor." + key);
            if (vocab[id] == null) {
                throw new TokenizerLoadException(source + ": post_processor." + key + " names id " + id
                    + ", which no token of the vocabulary has.");
            }
        }
    }

    private static int id(final JsonElement element, final long limit, final String source, final String what)
        throws TokenizerLoadException {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new TokenizerLoadException(source + ": " + what + " has "
                + JsonValues.describe(element) + " where a token id "
                + "(a whole number) belongs.");
        }
        final long id;
        try {
            id = element.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TokenizerLoadException(source + ": " + what + " has the id " + StringUtils.abbreviate(
                element.toString(), 40) + ", not a whole number.", e);
        }
        if (id < 0 || id >= limit) {
            throw new TokenizerLoadException(source + ": " + what + " has the id " + id + (id < 0 ? "; ids cannot "
                + "be negative." : ", far beyond the " + (limit - 1024) / 4 + " entries of the file; the file is "
                + "corrupt."));
        }
        return (int)id;
    }

    private static String text(final JsonObject o, final String key, final String fallback, final String source,
        final String what) throws TokenizerLoadException {
        final JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new TokenizerLoadException(source + ": " + what + " must be a text, found "
                + JsonValues.describe(e) + ".");
        }
        return e.getAsString();
    }

    private static JsonArray array(final JsonObject o, final String key, final String source)
        throws TokenizerLoadException {
        final JsonElement e = o.get(key);
        if (!e.isJsonArray()) {
            throw new TokenizerLoadException(source + ": " + key + " must be a list, found "
                + JsonValues.describe(e) + ".");
        }
        return e.getAsJsonArray();
    }

    private static boolean isLowercasing(final JsonObject json) {
        return lowercases(json.get("normalizer"));
    }

    /** Whether a normaliser (BertNormalizer with its flag, Lowercase, or a Sequence holding either) lower-cases. */
    private static boolean lowercases(final JsonElement normalizer) {
        if (normalizer == null || !normalizer.isJsonObject()) {
            return false;
        }
        final JsonObject n = normalizer.getAsJsonObject();
        final String type = n.has("type") ? n.get("type").getAsString() : "";
        return switch (type) {
            case "BertNormalizer" -> n.has("lowercase") && n.get("lowercase").getAsBoolean();
            case "Lowercase" -> true;
            case "Sequence" -> n.has("normalizers") && n.getAsJsonArray("normalizers").asList().stream()
                .anyMatch(BertTokenizer::lowercases);
            default -> false;
        };
    }

    /**
     * Switches lower-casing in the normaliser: BertNormalizer has a flag; other normalisers get a Lowercase step in
     * front (or lose it).
     */
    private static void setLowercase(final JsonObject json, final boolean lowercase) {
        final JsonElement normalizer = json.get("normalizer");
        if (normalizer != null && normalizer.isJsonObject()
            && "BertNormalizer".equals(normalizer.getAsJsonObject().get("type").getAsString())) {
            normalizer.getAsJsonObject().addProperty("lowercase", lowercase);
            return;
        }
        final JsonArray steps = new JsonArray();
        if (lowercase) {
            final JsonObject lower = new JsonObject();
            lower.addProperty("type", "Lowercase");
            steps.add(lower);
        }
        if (normalizer != null && normalizer.isJsonObject()) {
            if ("Sequence".equals(normalizer.getAsJsonObject().get("type").getAsString())) {
                for (final JsonElement step : normalizer.getAsJsonObject().getAsJsonArray("normalizers")) {
                    if (!"Lowercase".equals(step.getAsJsonObject().get("type").getAsString())) {
                        steps.add(step);
                    }
                }
            } else if (!"Lowercase".equals(normalizer.getAsJsonObject().get("type").getAsString())) {
                steps.add(normalizer);
            }
        }
        final JsonObject sequence = new JsonObject();
        sequence.addProperty("type", "Sequence");
        sequence.add("normalizers", steps);
        json.add("normalizer", sequence);
    }

    /** Encodes one text: [CLS] text [SEP], truncated to the maximum length. */
    public TokenizedText encode(final String text) {
        return convert(DjlRuntime.call(() -> tokenizer.encode(StringUtils.defaultString(text))));
    }

    /** Encodes a pair (question and context, or two sentences): [CLS] a [SEP] b [SEP]. */
    public TokenizedText encode(final String text, final String pair) {
        if (pair == null) {
            return encode(text);
        }
        return convert(DjlRuntime.call(() -> tokenizer.encode(StringUtils.defaultString(text), pair)));
    }

    /** Encodes many texts in one native call. */
    public List<TokenizedText> encodeAll(final List<String> texts) {
        final List<String> clean = texts.stream().map(StringUtils::defaultString).toList();
        final Encoding[] encodings = DjlRuntime.call(() -> tokenizer.batchEncode(clean));
        final List<TokenizedText> result = new ArrayList<>(encodings.length);
        for (final Encoding e : encodings) {
            result.add(convert(e));
        }
        return result;
    }

    /** The WordPiece ids of a word or phrase without special tokens and without truncation. */
    public long[] pieceIds(final String text) {
        final Encoding e = DjlRuntime.call(() -> tokenizer.encode(StringUtils.defaultString(text), false, false));
        return e.getIds();
    }

    private static TokenizedText convert(final Encoding e) {
        final long[] ids = e.getIds();
        final CharSpan[] spans = e.getCharTokenSpans();
        final long[] special = e.getSpecialTokenMask();
        final long[] types = e.getTypeIds();
        final int[] starts = new int[ids.length];
        final int[] ends = new int[ids.length];
        final int[] sequence = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (special[i] != 0) {
                sequence[i] = -1;
            } else {
                sequence[i] = (int)types[i];
                if (spans[i] != null) {
                    starts[i] = spans[i].getStart();
                    ends[i] = spans[i].getEnd();
                }
            }
        }
        return new TokenizedText(ids, types, e.getTokens(), starts, ends, sequence, e.exceedMaxLength());
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public int vocabularySize() {
        return vocabulary.length;
    }

    /** The token string of an id, or null for an id without a token. */
    public String token(final int id) {
        return id >= 0 && id < vocabulary.length ? vocabulary[id] : null;
    }

    public OptionalInt id(final String token) {
        final Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The whole vocabulary in id order (null where an id has no token). */
    public List<String> vocabulary() {
        return Collections.unmodifiableList(Arrays.asList(vocabulary));
    }

    public int clsId() {
        return requiredId("[CLS]");
    }

    public int sepId() {
        return requiredId("[SEP]");
    }

    public int padId() {
        return id("[PAD]").orElse(0);
    }

    public int maskId() {
        return requiredId("[MASK]");
    }

    public int unknownId() {
        return requiredId("[UNK]");
    }

    private int requiredId(final String token) {
        return id(token).orElseThrow(() -> new IllegalStateException("The vocabulary has no " + token + " token."));
    }

    /** The same vocabulary with another maximum length. */
    public BertTokenizer withMaxLength(final int newMaxLength) throws TokenizerLoadException {
        return new BertTokenizer(json.deepCopy(), newMaxLength, "tokenizer");
    }

    /**
     * Writes tokenizer.json, vocab.txt and tokenizer_config.json, so both transformers' fast and slow BertTokenizer
     * load the folder.
     */
    public void save(final Path folder) throws IOException {
        Files.writeString(folder.resolve(TOKENIZER_JSON), json.toString(), StandardCharsets.UTF_8);
        final List<String> lines = new ArrayList<>(vocabulary.length);
        for (int i = 0; i < vocabulary.length; i++) {
            lines.add(vocabulary[i] == null ? "[unused_" + i + "]" : vocabulary[i]);
        }
        Files.write(folder.resolve(VOCAB_TXT), lines, StandardCharsets.UTF_8);
        final JsonObject config = new JsonObject();
        config.addProperty("tokenizer_class", "BertTokenizer");
        config.addProperty("do_lower_case", lowercase);
        config.addProperty("model_max_length", maxLength);
        Files.writeString(folder.resolve("tokenizer_config.json"),
            new GsonBuilder().setPrettyPrinting().create().toJson(config) + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
