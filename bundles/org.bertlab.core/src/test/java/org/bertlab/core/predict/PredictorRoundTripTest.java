package org.bertlab.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.TokenMappingFile;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → load → predict gives the predictions made before saving; head, labels and token mapping travel along. */
class PredictorRoundTripTest {

    @TempDir
    Path dir;

    private static final FineTuneOptions SHORT = FineTuneOptions.builder().epochs(2).batchSize(8).learningRate(3e-3)
        .validationFraction(0).seed(1).build();

    @Test
    void classifierWithTokenMappingPredictsTheSameAfterLoading() throws Exception {
        // DNA 2-mers mapped onto words of the tiny vocabulary: the mapping is saved with the model.
        final TokenMapping mapping = TokenMapping.random(SymbolTokenizer.kmers(2),
            SymbolTokenizer.kmers(2).allKmers("ACGT"), List.of("the", "a", "cat", "dog", "fish", "sat", "on", "mat",
                "is", "big", "small", "red", "blue", "and", "runs", "eats"), 7);
        final Random random = new Random(3);
        final List<ClassificationExample> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            final StringBuilder dna = new StringBuilder();
            for (int j = 0; j < 12; j++) {
                dna.append("ACGT".charAt(random.nextInt(4)));
            }
            rows.add(ClassificationExample.of(dna.toString(), i % 2 == 0 ? "yes" : "no"));
        }
        final List<String> inputs = rows.stream().map(ClassificationExample::text).toList();
        final List<ClassPrediction> before;
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("vocab"), 2)) {
            final BertModel model = trainable.model();
            AttachedMapping.attach(trainable, mapping);
            new FineTuner(SHORT).classify(trainable, rows, null, TrainingProgress.NONE);
            before = new Predictor(model, 7).classify(inputs, null);
            model.save(dir.resolve("saved"));
        }
        assertTrue(Files.isRegularFile(dir.resolve("saved").resolve(TokenMappingFile.FILE_NAME)));
        try (BertModel loaded = ModelLoader.load(dir.resolve("saved"), LoadOptions.DEFAULT)) {
            assertEquals(List.of("no", "yes"), loaded.config().labels());
            final List<ClassPrediction> after = new Predictor(loaded, 16).classify(inputs, null);
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).label(), after.get(i).label());
                assertEquals(before.get(i).score(), after.get(i).score(), 1e-5);
            }
        }
    }

    @Test
    void textsLongerThanTheModelAreCounted() throws Exception {
        final List<ClassificationExample> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(ClassificationExample.of(i % 2 == 0 ? "the cat sat" : "a dog runs", i % 2 == 0 ? "yes" : "no"));
        }
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("vocab-long"), 2)) {
            final BertModel model = trainable.model();
            new FineTuner(SHORT).classify(trainable, rows, null, TrainingProgress.NONE);
            final Predictor predictor = new Predictor(model, 4);
            // The tiny model reads 64 tokens: 70 words are cut, 3 are not; a pair counts once.
            final String longText = "the cat sat on the mat and ".repeat(10);
            final List<ClassPrediction> p = predictor.classify(List.of("the cat", longText, "a dog", longText),
                Arrays.asList(null, null, "the cat", "a dog"));
            assertEquals(4, p.size());
            assertEquals(2, predictor.truncatedTexts());
            predictor.classify(List.of("the cat"), null);
            assertEquals(0, predictor.truncatedTexts(), "the count is per call");
        }
    }

    @Test
    void questionAnsweringPredictsTheSameAfterLoading() throws Exception {
        final List<QaExample> rows = List.of(new QaExample("what is big ?", "the big cat sat on the mat", "big cat", 4),
            new QaExample("what is red ?", "a red fish eats water", "red fish", 2),
            new QaExample("who runs ?", "the dog runs and the bird eats", "dog", 4));
        final List<String> questions = rows.stream().map(QaExample::question).toList();
        final List<String> contexts = rows.stream().map(QaExample::context).toList();
        final List<AnswerPrediction> before;
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("vocab"), 4)) {
            final BertModel model = trainable.model();
            new FineTuner(SHORT).questionAnswering(trainable, rows, null, TrainingProgress.NONE);
            before = new Predictor(model).answer(questions, contexts);
            model.save(dir.resolve("qa"));
        }
        try (BertModel loaded = ModelLoader.load(dir.resolve("qa"), LoadOptions.DEFAULT)) {
            final List<AnswerPrediction> after = new Predictor(loaded, 2).answer(questions, contexts);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).answer(), after.get(i).answer());
                assertEquals(before.get(i).start(), after.get(i).start());
                assertEquals(contexts.get(i).substring(after.get(i).start(), after.get(i).end()),
                    after.get(i).answer());
                assertEquals(before.get(i).score(), after.get(i).score(), 1e-5);
            }
        }
    }
}
