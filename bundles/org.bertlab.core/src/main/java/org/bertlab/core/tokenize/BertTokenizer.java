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
                final List<String> lines = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
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
        if (lowercase != null) {
            setLowercase(json, lowercase);
        }
        return new BertTokenizer(json, maxLength, source);
    }

    private static TokenizerLoadException asLoadException(final Path file, final IOException e) {
        return e instanceof TokenizerLoadException t ? t
            : new TokenizerLoadException(file + ": cannot read: " + e.getMessage(), e);
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

    private static String[] readVocabulary(final JsonObject json, final String source)
        throws TokenizerLoadException {
        final JsonObject model = json.getAsJsonObject("model");
        if (model == null || !model.has("vocab") || !model.get("vocab").isJsonObject()) {
            throw new TokenizerLoadException(source + ": the tokenizer has no WordPiece vocabulary (model.vocab); "
                + "BERT models use a WordPiece tokenizer.");
        }
        final Map<Integer, String> byId = new HashMap<>();
        for (final var entry : model.getAsJsonObject("vocab").entrySet()) {
            byId.put(entry.getValue().getAsInt(), entry.getKey());
        }
        if (json.has("added_tokens") && json.get("added_tokens").isJsonArray()) {
            for (final JsonElement token : json.getAsJsonArray("added_tokens")) {
                final JsonObject t = token.getAsJsonObject();
                byId.putIfAbsent(t.get("id").getAsInt(), t.get("content").getAsString());
            }
        }
        final int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        final String[] vocab = new String[size];
        byId.forEach((id, token) -> vocab[id] = token);
        return vocab;
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
