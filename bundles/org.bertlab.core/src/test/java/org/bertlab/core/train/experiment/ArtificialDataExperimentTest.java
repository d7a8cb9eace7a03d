package org.bertlab.core.train.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bertlab.core.corpus.Sequence;
import org.bertlab.core.train.FineTuneOptions;
import org.junit.jupiter.api.Test;

/** The artificial-data table on a tiny budget: its held-out split and the entropy beside the MLM loss. */
class ArtificialDataExperimentTest {

    @Test
    void heldOutSequencesAreASeededDisjointShareOfTheCorpus() {
        final List<Sequence> corpus = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            corpus.add(Sequence.ofIds(i, i + 1));
        }
        final List<List<Sequence>> split = ArtificialDataExperiment.heldOut(corpus, 0.05, 5);
        assertEquals(95, split.get(0).size());
        assertEquals(5, split.get(1).size());
        final Set<Sequence> all = new HashSet<>(split.get(0));
        all.addAll(split.get(1));
        assertEquals(new HashSet<>(corpus), all);
        assertEquals(split, ArtificialDataExperiment.heldOut(corpus, 0.05, 5), "same seed, same split");
    }

    @Test
    void everyCorpusRowGivesItsHeldOutUnigramEntropyBesideTheMlmLoss() {
        final ArtificialDataExperiment defaults = ArtificialDataExperiment.defaults();
        final FineTuneOptions finetune = defaults.finetune().toBuilder().epochs(1).build();
        // 200 sequences, 10 held out (about 240 tokens); 190 for training: 6 steps of 32 per epoch
        final ArtificialDataExperiment tiny = new ArtificialDataExperiment(64, 200, defaults.pretrain(), finetune, 40)
            .withPretrainingBudget(2, 200);
        final List<String> lines = new ArrayList<>();
        final ExperimentReport report = tiny.run(1, lines::add);
        assertEquals(List.of("pre-training corpus", "seed", "held-out unigram entropy", "held-out MLM loss",
            "entropy minus MLM loss", "held-out MLM accuracy", "downstream val loss", "downstream val accuracy",
            "best epoch accuracy"), report.header());
        assertEquals(1 + ArtificialDataExperiment.KINDS.size(), report.rows().size());
        assertEquals(List.of("none (random init)", "5", "", "", "", ""), report.rows().get(0).subList(0, 6));
        for (final List<String> row : report.rows().subList(1, report.rows().size())) {
            final double entropy = Double.parseDouble(row.get(2));
            final double loss = Double.parseDouble(row.get(3));
            assertTrue(entropy > 1 && entropy <= Math.log(64), row.toString());
            assertEquals(entropy - loss, Double.parseDouble(row.get(4)), 0.0015, row.toString());
        }
        // Zipf (s = 1 over 64 ids) is far more predictable from frequencies alone than uniform draws.
        final double uniform = Double.parseDouble(report.rows().get(1).get(2));
        final double zipf = Double.parseDouble(report.rows().get(2).get(2));
        assertTrue(uniform > Math.log(64) - 0.3 && zipf < uniform - 0.3, report.format());
        assertTrue(report.notes().get(0).contains("200 sequences") && report.notes().get(0).contains("10 held out")
            && report.notes().get(0).contains("2 epochs = 12 MLM steps"), report.notes().get(0));
        assertEquals(report.rows().size(), lines.size());
    }
}
