package org.bertlab.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.encoder.EncoderOutput;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;
import org.bertlab.core.weights.NamedTensor;

import ai.djl.ndarray.NDManager;

/**
 * Models for tests: the real embedded bge-small-zh (loaded once per test JVM, never closed by tests) and tiny
 * randomly initialised BERTs over a small English vocabulary for fast checks.
 */
public final class TestModels {

    /** Words of the tiny vocabulary (lower case, whole words) besides the specials and letters. */
    public static final List<String> WORDS = List.of("the", "a", "cat", "dog", "fish", "sat", "on", "mat", "is",
        "big", "small", "red", "blue", "and", "runs", "eats", "water", "house", "tree", "bird", "##s", "##ing");

    private static BertModel embedded;

    private TestModels() {
    }

    /** The real default model, shared by all tests of this JVM. */
    public static synchronized BertModel embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedModel.load(LoadOptions.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embedded;
    }

    /** A vocab.txt with BERT's specials, the lowercase letters and {@link #WORDS}. */
    public static List<String> tinyVocabulary() {
        final List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.add(String.valueOf(c));
            vocab.add("##" + c);
        }
        vocab.addAll(WORDS);
        vocab.addAll(List.of(".", ",", "?"));
        return vocab;
    }

    /** Writes the tiny vocabulary to {@code folder}/vocab.txt. */
    public static Path writeTinyVocabulary(final Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.write(folder.resolve("vocab.txt"), tinyVocabulary(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BertConfig tinyConfig() {
        return BertConfig.of(tinyVocabulary().size(), 32, 2, 4, 64, 64);
    }

    /** A tiny random BERT (2 layers, hidden 32, 4 heads) with MLM head and pooler; the caller closes it. */
    public static BertModel tinyRandom(final Path folder, final long seed) {
        writeTinyVocabulary(folder);
        try {
            final BertTokenizer tokenizer = BertTokenizer.fromFolder(folder, true, 64);
            return ModelLoader.createRandom(tinyConfig(), tokenizer, LoadOptions.DEFAULT, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny random BERT ({@link #tinyRandom}) to train; the caller closes it. */
    public static TrainableModel tinyTrainable(final Path folder, final long seed) {
        return TrainableModel.of(tinyRandom(folder, seed));
    }

    /** Adds heads of these shapes with BERT's initialisation, drawn from {@code seed}. */
    public static void addHeads(final TrainableModel model, final Map<String, long[]> shapes, final long seed) {
        final Map<String, NamedTensor> tensors = BertLayout.initialise(shapes, seed);
        DjlRuntime.run(() -> tensors.forEach((name, t) -> model.parameters().put(t, name,
            model.model().dataType())));
    }

    /** Sentences in English, Chinese and both, of different lengths. */
    public static List<String> mixedSentences() {
        return List.of("The cat sat on the mat.", "我喜欢吃鱼。", "Machine translation maps words across languages.",
            "今天天气很好，我们去公园散步吧。", "BERT 是一个语言模型 trained on Wikipedia.", "Fish",
            "水", "A dog runs after the red ball in the big garden while the children laugh.",
            "北京是中国的首都，也是一个历史悠久的城市。", "Hello 世界", "the small bird eats water", "我们 learn 中文 every day.");
    }

    /**
     * The PyTorch encoder's hidden states of tokenised texts up to {@code lastLayer}, living in
     * {@code batchManager}: the reference that the inference backends and the heads are checked against.
     */
    public static EncoderOutput encode(final BertModel model, final NDManager batchManager,
        final List<TokenizedText> texts, final int lastLayer) {
        return DjlRuntime.call(() -> {
            final TokenBatch batch = TokenBatch.of(batchManager, texts, model.tokenizer().padId());
            return model.backbone().forward(batch.inputIds(), batch.typeIds(), batch.attentionMask(), false,
                lastLayer);
        });
    }
}
