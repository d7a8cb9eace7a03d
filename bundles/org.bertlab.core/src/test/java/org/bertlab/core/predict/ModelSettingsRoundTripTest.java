package org.bertlab.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.UnknownSymbolPolicy;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.qa.QaSettings;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Everything that defines a model (maximum length, lower-casing, labels, token mapping, QA windows) survives a
 * save and load and an in-memory copy, with values none of which is a default.
 */
class ModelSettingsRoundTripTest {

    @TempDir
    Path dir;

    private static final TokenMapping MAPPING = TokenMapping.random(SymbolTokenizer.kmers(2),
        SymbolTokenizer.kmers(2).allKmers("ACGT"), List.of("the", "a", "cat", "dog", "fish", "sat", "on", "mat",
            "is", "big", "small", "red", "blue", "and", "runs", "eats"), 5)
        .withUnknownPolicy(UnknownSymbolPolicy.skip());

    private static final QaSettings QA = new QaSettings(20, 7, 5, 9);

    private static final List<String> LABELS = List.of("zeta", "alpha", "mu");

    /** A tiny model with max length 24 (its positions are 64), no lower-casing, labels, a mapping and QA windows. */
    private BertModel unusual() throws Exception {
        TestModels.writeTinyVocabulary(dir.resolve("vocab"));
        final BertTokenizer tokenizer = BertTokenizer.fromFolder(dir.resolve("vocab"), false, 24);
        final TrainableModel model = TrainableModel.of(ModelLoader.createRandom(TestModels.tinyConfig(), tokenizer,
            LoadOptions.DEFAULT, 9));
        model.setLabels(LABELS);
        AttachedMapping.attach(model, MAPPING);
        QA.attachTo(model);
        return model.release();
    }

    private static void assertSettings(final BertModel model) {
        assertEquals(24, model.tokenizer().maxLength(), "model_max_length");
        assertFalse(model.tokenizer().lowercase(), "lower-casing");
        assertEquals(LABELS, model.config().labels());
        assertEquals(MAPPING, AttachedMapping.of(model).orElseThrow());
        assertEquals(MAPPING.unknownPolicy(), AttachedMapping.of(model).orElseThrow().unknownPolicy());
        assertEquals(QA, QaSettings.attached(model).orElseThrow());
        assertEquals(QA, QaSettings.of(model));
    }

    @Test
    void savedAndLoadedModelKeepsEverySetting() throws Exception {
        try (BertModel model = unusual()) {
            assertSettings(model);
            model.save(dir.resolve("saved"));
        }
        try (BertModel loaded = ModelLoader.load(dir.resolve("saved"), LoadOptions.DEFAULT)) {
            assertSettings(loaded);
            // The uncased tokenizer keeps "Cat" whole where a lower-casing one would read "cat".
            assertEquals(TestModels.tinyVocabulary().indexOf("[UNK]"), loaded.tokenizer().encode("Cat").ids()[1]);
        }
        try (BertModel asked = ModelLoader.load(dir.resolve("saved"), LoadOptions.DEFAULT.withMaxLength(40))) {
            assertEquals(40, asked.tokenizer().maxLength(), "an explicit maximum length still wins");
        }
    }

    @Test
    void copyKeepsEverySettingAndIdenticalWeightsAndLivesOnAlone() throws Exception {
        final List<String> texts = List.of("the cat sat", "a big red dog runs on the mat");
        final BertModel copy;
        final float[] hiddenOfOriginal;
        try (BertModel model = unusual()) {
            copy = model.copy();
            assertSettings(copy);
            assertEquals(model.parameters().names(), copy.parameters().names());
            for (final String name : model.parameters().names()) {
                final NDArray a = model.parameters().get(name);
                final NDArray b = copy.parameters().get(name);
                assertNotSame(a, b);
                assertEquals(a.getShape(), b.getShape(), name);
                assertArrayEquals(a.toFloatArray(), b.toFloatArray(), name);
            }
            hiddenOfOriginal = hidden(model, texts);
            // Changing another copy's weights and attachments leaves the original as it was.
            try (TrainableModel changed = TrainableModel.copyOf(model)) {
                final String name = "embeddings.word_embeddings.weight";
                final float[] before = model.parameters().get(name).toFloatArray();
                changed.parameters().put(name, changed.parameters().get(name).add(1f));
                changed.attach(QaSettings.FILE_NAME, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(before[5] + 1f, changed.parameters().get(name).toFloatArray()[5], 1e-6);
                assertArrayEquals(before, model.parameters().get(name).toFloatArray());
                assertEquals(QA, QaSettings.attached(model).orElseThrow());
            }
        }
        // The original is closed; the copy computes what it computed.
        try (copy) {
            assertArrayEquals(hiddenOfOriginal, hidden(copy, texts));
        }
    }

    private static float[] hidden(final BertModel model, final List<String> texts) {
        try (NDManager m = model.newBatchManager()) {
            return TestModels.encode(model, m, model.tokenizer().encodeAll(texts), model.config().numLayers()).last()
                .toFloatArray();
        }
    }

    @Test
    void questionAnsweringPredictsWithItsTrainingWindowsAfterLoading() throws Exception {
        final List<QaExample> rows = List.of(
            new QaExample("what is big ?", "the big cat sat on the mat and the small dog runs on the mat", "big cat", 4),
            new QaExample("what is red ?", "a red fish eats water and a blue bird eats water in the tree", "red fish",
                2),
            new QaExample("who runs ?", "the dog runs and the bird eats and the cat sat on a big red mat", "dog", 4));
        final List<String> questions = rows.stream().map(QaExample::question).toList();
        final List<String> contexts = rows.stream().map(QaExample::context).toList();
        final FineTuneOptions options = FineTuneOptions.builder().task("qa").epochs(2).batchSize(4)
            .learningRate(3e-3).validationFraction(0).seed(3).maxLength(12).qaStride(3).maxQuestionTokens(4)
            .maxAnswerTokens(5).build();
        final List<AnswerPrediction> before;
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("vocab"), 4)) {
            final BertModel model = trainable.model();
            new FineTuner(options).questionAnswering(trainable, rows, null, TrainingProgress.NONE);
            assertEquals(new QaSettings(12, 3, 4, 5), QaSettings.attached(model).orElseThrow());
            before = new Predictor(model).answer(questions, contexts);
            model.save(dir.resolve("qa"));
        }
        try (BertModel loaded = ModelLoader.load(dir.resolve("qa"), LoadOptions.DEFAULT)) {
            assertEquals(new QaSettings(12, 3, 4, 5), QaSettings.of(loaded));
            final List<AnswerPrediction> after = new Predictor(loaded, 3).answer(questions, contexts);
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).answer(), after.get(i).answer());
                assertEquals(before.get(i).start(), after.get(i).start());
                assertEquals(before.get(i).score(), after.get(i).score(), 1e-5);
                assertTrue(after.get(i).end() - after.get(i).start() <= contexts.get(i).length());
            }
        }
    }
}
