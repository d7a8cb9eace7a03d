package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.qa.QaWindows;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extractive QA on a toy set whose answer is always the animal after "big"; windows over long contexts. */
class QuestionAnsweringTrainingTest {

    @TempDir
    Path dir;

    @Test
    void patternAnswerReachesNinetyPercentExactMatch() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 5)) {
            final BertModel model = trainable.model();
            final FineTuneOptions options = FineTuneOptions.builder().epochs(3).batchSize(16).learningRate(3e-3)
                .maxLength(32).validationFraction(0.15).seed(3).build();
            final FineTuneResult result = new FineTuner(options).questionAnswering(trainable, ToyData.bigAnimal(300, 9),
                null, TrainingProgress.NONE);
            assertTrue(result.last().exactMatch() >= 0.9, "exact match " + result.last().exactMatch() + " in "
                + result.epochs());
            assertTrue(model.heads().hasQuestionAnswering());
        }
    }

    @Test
    void longContextsAreCoveredByOverlappingWindowsThatKeepTheAnswer() throws Exception {
        try (BertModel model = TestModels.tinyRandom(dir, 5);
            BertTokenizer unbounded = model.tokenizer().withMaxLength(100_000)) {
            final String context = "the cat sat on the mat and the dog runs on the mat and the big bird eats "
                + "water in the house and the fish is small and the tree is red";
            final int start = context.indexOf("bird");
            final List<QaWindows.Window> windows = new QaWindows(unbounded, 16, 6, 8).windows(0, "what eats ?",
                context, start, start + 4);
            assertTrue(windows.size() > 3, "a long context makes several windows");
            int holding = 0;
            for (final QaWindows.Window w : windows) {
                assertTrue(w.input().length() <= 16);
                if (w.startLabel() > 0) {
                    holding++;
                    assertEquals("bird", context.substring(w.charStarts()[w.startLabel()],
                        w.charEnds()[w.endLabel()]));
                }
            }
            assertTrue(holding >= 1, "some window holds the answer");
        }
    }
}
