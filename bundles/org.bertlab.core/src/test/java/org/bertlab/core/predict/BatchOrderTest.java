package org.bertlab.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prediction batches its inputs by length ({@link org.bertlab.core.encoder.LengthBatches}); whatever the batch
 * size, every input gets the prediction it gets alone, in input order.
 */
class BatchOrderTest {

    @TempDir
    Path dir;

    @Test
    void everyInputGetsItsOwnPredictionInInputOrderWhateverTheBatchSize() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 8)) {
            final BertModel model = trainable.model();
            TestModels.addHeads(trainable, BertLayout.classifier(model.config(), 3), 5);
            TestModels.addHeads(trainable, BertLayout.questionAnswering(model.config()), 6);
            trainable.setLabels(List.of("x", "y", "z"));
            final Random random = new Random(3);
            final List<String> texts = new ArrayList<>();
            final List<String> questions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                texts.add(words(random, 1 + random.nextInt(30)));
                questions.add(words(random, 1 + random.nextInt(4)));
            }

            final List<ClassPrediction> alone = new Predictor(model, 1).classify(texts, null);
            final List<AnswerPrediction> answeredAlone = new Predictor(model, 1).answer(questions, texts);
            for (final int batchSize : new int[]{3, 16, 64}) {
                final List<ClassPrediction> batched = new Predictor(model, batchSize).classify(texts, null);
                final List<AnswerPrediction> answered = new Predictor(model, batchSize).answer(questions, texts);
                for (int i = 0; i < texts.size(); i++) {
                    final String where = "batch size " + batchSize + ", input " + i;
                    assertEquals(alone.get(i).label(), batched.get(i).label(), where);
                    for (final String label : List.of("x", "y", "z")) {
                        assertEquals(alone.get(i).probabilities().get(label), batched.get(i).probabilities()
                            .get(label), 1e-5, where);
                    }
                    assertEquals(answeredAlone.get(i).start(), answered.get(i).start(), where);
                    assertEquals(answeredAlone.get(i).end(), answered.get(i).end(), where);
                    assertEquals(answeredAlone.get(i).score(), answered.get(i).score(), 1e-4, where);
                }
            }
        }
    }

    private static String words(final Random random, final int n) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(TestModels.WORDS.get(random.nextInt(TestModels.WORDS.size() - 2)));
        }
        return text.toString();
    }
}
