package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives a clear message or a documented skip count. */
class BadInputTest {

    @TempDir
    Path dir;

    private static final FineTuneOptions ONE_EPOCH = FineTuneOptions.builder().epochs(1).batchSize(4)
        .learningRate(1e-3).validationFraction(0).build();

    @Test
    void emptyTrainingTable() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final var e = assertThrows(IllegalArgumentException.class,
                () -> new FineTuner(ONE_EPOCH).classify(trainable, List.of(), null, TrainingProgress.NONE));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            final var blank = assertThrows(IllegalArgumentException.class, () -> new FineTuner(ONE_EPOCH)
                .maskedLm(trainable, List.of(new TextExample(" "), new TextExample("")), null, TrainingProgress.NONE));
            assertTrue(blank.getMessage().contains("no usable row"), blank.getMessage());
        }
    }

    @Test
    void oneClassOnly() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final var e = assertThrows(IllegalArgumentException.class, () -> new FineTuner(ONE_EPOCH).classify(trainable,
                List.of(ClassificationExample.of("the cat", "x"), ClassificationExample.of("a dog", "x")), null,
                TrainingProgress.NONE));
            assertTrue(e.getMessage().contains("only one class ('x')"), e.getMessage());
        }
    }

    @Test
    void missingTextsAndAnswersNotInContextAreSkippedAndCounted() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final List<ClassificationExample> rows = new ArrayList<>(ToyData.colours(8, 1));
            rows.add(ClassificationExample.of("", "red"));
            rows.add(ClassificationExample.of(null, "blue"));
            rows.add(ClassificationExample.of("the cat", " "));
            final FineTuneResult r = new FineTuner(ONE_EPOCH).classify(trainable, rows, null, TrainingProgress.NONE);
            assertEquals(8, r.trainExamples());
            assertEquals(List.of("3 training row(s) without text or label"), r.skipped());

            final List<QaExample> qa = new ArrayList<>(ToyData.bigAnimal(6, 2));
            qa.add(new QaExample("what ?", "the cat sat", "dog", 0));
            qa.add(new QaExample("what ?", "the cat sat", "cat", 0));
            qa.add(new QaExample("what ?", "the cat sat", "cat", -1));
            qa.add(new QaExample("", "the cat sat", "cat", 4));
            final FineTuneResult q = new FineTuner(ONE_EPOCH).questionAnswering(trainable, qa, null,
                TrainingProgress.NONE);
            assertEquals(7, q.trainExamples(), "the negative start finds 'cat' by its first occurrence");
            assertEquals(List.of("1 training row(s) without question, context or answer",
                "2 training row(s) whose answer is not found in the context at answer_start"), q.skipped());
        }
    }

    @Test
    void textsOutsideTheVocabularyAreRefused() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final List<ClassificationExample> chinese = List.of(ClassificationExample.of("我喜欢吃鱼", "a"),
                ClassificationExample.of("今天天气很好", "b"));
            final var e = assertThrows(IllegalArgumentException.class,
                () -> new FineTuner(ONE_EPOCH).classify(trainable, chinese, null, TrainingProgress.NONE));
            assertTrue(e.getMessage().contains("[UNK]") && e.getMessage().contains("vocabulary"), e.getMessage());
        }
    }

    @Test
    void learningRateZeroOrNegativeAndOtherOptionsNameTheOption() {
        for (final double lr : new double[]{0, -1e-3}) {
            final var e = assertThrows(InvalidOptionException.class,
                () -> FineTuneOptions.builder().learningRate(lr).build());
            assertEquals("learning-rate", e.option());
            assertTrue(e.getMessage().startsWith("learning rate must be greater than 0"), e.getMessage());
            assertTrue(e.render(id -> "--" + id).startsWith("--learning-rate must be greater than 0"),
                e.render(id -> "--" + id));
        }
        assertThrows(IllegalArgumentException.class, () -> FineTuneOptions.builder().epochs(0).build());
        final var heads = assertThrows(InvalidOptionException.class,
            () -> FineTuneOptions.builder().pretrainHidden(30).pretrainHeads(4).build());
        assertEquals("hidden", heads.option());
        assertTrue(heads.template().contains("{heads}"), heads.template());
        assertFalse(heads.getMessage().contains("{") || heads.getMessage().contains("--"), heads.getMessage());
        final var task = assertThrows(IllegalArgumentException.class, () -> FineTuneTask.parse("translate"));
        assertTrue(task.getMessage().contains("classify, qa, mlm, pretrain"), task.getMessage());
    }

    @Test
    void batchLargerThanTheDataIsClampedWithANote() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final FineTuneOptions big = ONE_EPOCH.toBuilder().batchSize(64).build();
            final FineTuneResult r = new FineTuner(big).classify(trainable, ToyData.colours(6, 1), null,
                TrainingProgress.NONE);
            assertEquals(1, r.last().steps());
            assertEquals(List.of("batch size 64 is larger than the 6 training examples; using 6"), r.notes());
        }
    }

    @Test
    void divergingLossStopsWithAdviceAndCancelStopsWithinAStep() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1)) {
            final BertModel model = trainable.model();
            final int[] steps = {0};
            assertThrows(CancellationException.class, () -> new FineTuner(ONE_EPOCH).classify(trainable,
                ToyData.colours(40, 1), null, new TrainingProgress() {
                    @Override
                    public void step(final int epoch, final int step, final int total, final double loss,
                        final double lr) {
                        steps[0] = step;
                    }

                    @Override
                    public void checkCancelled() {
                        if (steps[0] >= 2) {
                            throw new CancellationException("cancelled");
                        }
                    }
                }));
            assertEquals(2, steps[0], "no step after the cancel");
            // An overflowing weight stands for a run that has blown up: the first non-finite loss stops it.
            DjlRuntime.run(() -> {
                final var weight = model.parameters().get("embeddings.LayerNorm.weight");
                trainable.parameters().put("embeddings.LayerNorm.weight", weight.mul(Float.POSITIVE_INFINITY));
            });
            final var e = assertThrows(TrainingDivergedException.class, () -> new FineTuner(ONE_EPOCH)
                .maskedLm(trainable, ToyData.colours(40, 1).stream().map(c -> new TextExample(c.text())).toList(), null,
                    TrainingProgress.NONE));
            assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
            assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
        }
    }

    @Test
    void tablesNameFileLineAndColumn() throws IOException {
        final Path qa = Files.writeString(dir.resolve("qa.tsv"),
            "question\tcontext\tanswer_text\tanswer_start\nwho?\tthe cat\tcat\t4\nwho?\tthe cat\tcat\tfour\n");
        final var e = assertThrows(IOException.class, () -> TrainingTables.readQa(qa));
        assertEquals(qa + " line 3, column 4 (answer_start): 'four' is not an integer character offset",
            e.getMessage());
        final Path cls = Files.writeString(dir.resolve("c.tsv"), "text\tlabel\nthe cat\tx\nonly text\n");
        final var short1 = assertThrows(IOException.class, () -> TrainingTables.readClassification(cls));
        assertTrue(short1.getMessage().startsWith(cls + " line 3, column 2 (label): missing"), short1.getMessage());
        final Path noLabel = Files.writeString(dir.resolve("n.tsv"), "text\tclass\nthe cat\tx\n");
        final var header = assertThrows(IOException.class, () -> TrainingTables.readClassification(noLabel));
        assertTrue(header.getMessage().contains("line 1: the header has no column 'label'"), header.getMessage());
        final Path corpus = Files.writeString(dir.resolve("corpus.txt"), "1 2 3\n4 4 5 5\n");
        assertEquals(List.of(new TextExample("1 2 3"), new TextExample("4 4 5 5")), TrainingTables.readTexts(corpus));
        final Path pairs = Files.writeString(dir.resolve("p.tsv"), "label\ttext\ttext_pair\ny\ta b\tc d\n");
        assertEquals(List.of(new ClassificationExample("a b", "c d", "y")), TrainingTables.readClassification(pairs));
    }
}
