package org.bertlab.knime.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.bertlab.knime.nodes.corpus.CorpusGeneratorNodeFactory;
import org.bertlab.knime.nodes.embedding.TokenEmbeddingNodeFactory;
import org.bertlab.knime.nodes.finetune.FineTuneNodeFactory;
import org.bertlab.knime.nodes.load.LoadBertNodeFactory;
import org.bertlab.knime.nodes.mapper.TokenMapperNodeFactory;
import org.bertlab.knime.nodes.mrr.DictionaryMrrNodeFactory;
import org.bertlab.knime.nodes.offset.LanguageOffsetNodeFactory;
import org.bertlab.knime.nodes.predictor.BertPredictorNodeFactory;
import org.bertlab.knime.testing.KnimeTestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeID;

/**
 * Writes the workflows of {@code test-workflows/}: one per research line and one per node for its edge cases, each
 * built with KNIME's {@code WorkflowManager} and saved unexecuted. Every workflow uses the embedded default model or
 * a tiny pre-trained one and small data held in Test Table nodes, so it runs in seconds. Two workflows expose a
 * setting as a workflow variable, as a scheduled run sets it: cross-lingual the layers of Dictionary MRR
 * ({@value #MRR_LAYERS_VARIABLE}), zero-shot the epochs of Fine-Tune ({@value #EPOCHS_VARIABLE}).
 *
 * <p>A normal build does not run it (the module's surefire configuration excludes it), so it never rewrites committed
 * files; regenerate by naming it with {@code -Dtest} and setting {@code -Dbertlab.generate.workflows=true} (see
 * test-workflows/README.md).
 */
class TestWorkflowGenerator {

    static final String[] DICTIONARY_COLUMNS = {"en", "zh"};

    static final String[][] DICTIONARY = {{"fish", "鱼"}, {"cat", "猫"}, {"dog", "狗"}, {"water", "水"},
        {"book", "书"}, {"tree", "树"}, {"sun", "太阳"}, {"moon", "月亮"}};

    static final String[] CORPUS_COLUMNS = {"text", "lang"};

    static final String[][] CORPUS = {{"the fish swims in the water", "en"}, {"the cat sleeps under the tree", "en"},
        {"a dog reads a book", "en"}, {"the sun and the moon", "en"}, {"鱼在水里游", "zh"}, {"猫在树下睡觉", "zh"},
        {"一只狗在看书", "zh"}, {"太阳和月亮", "zh"}};

    static final String[][] REVIEWS_EN = {{"great film, loved it", "pos"}, {"wonderful and moving", "pos"},
        {"a delight from start to end", "pos"}, {"beautiful acting", "pos"}, {"terrible, boring film", "neg"},
        {"awful and dull", "neg"}, {"a waste of time", "neg"}, {"badly acted and too long", "neg"}};

    /** Workflow variable of cross-lingual: Dictionary MRR's layers (a scheduled run may set other layers). */
    static final String MRR_LAYERS_VARIABLE = "mrr_layers";

    static final String MRR_LAYERS = "0,2,4";

    /** Workflow variable of zero-shot: Fine-Tune's epochs. */
    static final String EPOCHS_VARIABLE = "fine_tune_epochs";

    static final int EPOCHS = 2;

    static final String[][] REVIEWS_ZH = {{"很棒的电影，我很喜欢"}, {"精彩感人"}, {"糟糕无聊的电影"}, {"浪费时间"}};

    /** name to builder; the order is the README's. */
    static Map<String, Definition> definitions() {
        final Map<String, Definition> all = new LinkedHashMap<>();
        all.put("cross-lingual", TestWorkflowGenerator::crossLingual);
        all.put("artificial-pretraining", TestWorkflowGenerator::artificialPretraining);
        all.put("dna-cross-discipline", TestWorkflowGenerator::dnaCrossDiscipline);
        all.put("zero-shot", TestWorkflowGenerator::zeroShot);
        all.put("node-corpus-generator", TestWorkflowGenerator::corpusGenerator);
        all.put("node-dictionary-mrr-missing-cells", TestWorkflowGenerator::mrrMissingCells);
        all.put("node-token-embedding-missing-cells", TestWorkflowGenerator::embeddingMissingCells);
        all.put("node-token-mapper-unknown-symbols", TestWorkflowGenerator::mapperUnknownSymbols);
        return all;
    }

    @FunctionalInterface
    interface Definition {
        void build(WorkflowBuilder b) throws Exception;
    }

    /** Cross-lingual alignment: MRR per layer and direction, and the language offset, on a small dictionary. */
    static void crossLingual(final WorkflowBuilder b) throws Exception {
        b.variable(new FlowVariable(MRR_LAYERS_VARIABLE, MRR_LAYERS));
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dict = b.table(1, "English-Chinese dictionary", DICTIONARY_COLUMNS, DICTIONARY);
        final NodeID corpus = b.table(2, "Parallel sentences", CORPUS_COLUMNS, CORPUS);
        final NodeID mrr = b.node(new DictionaryMrrNodeFactory(), 0, "MRR at layers 0, 2, 4", m -> m
            .set("source_column", "en").set("target_column", "zh").set("corpus_text_column", "text")
            .set("corpus_language_column", "lang").set("source_language", "en").set("mode", "contextual")
            .set("layers", MRR_LAYERS).controlledBy("layers", MRR_LAYERS_VARIABLE));
        final NodeID offset = b.node(new LanguageOffsetNodeFactory(), 1, "Offset at layers 0, 4", m -> m
            .set("corpus_text_column", "text").set("corpus_language_column", "lang").set("source_language", "en")
            .set("source_column", "en").set("target_column", "zh").set("layers", "0,4"));
        b.connect(load, 0, mrr, 0);
        b.connect(dict, 0, mrr, 1);
        b.connect(corpus, 0, mrr, 2);
        b.connect(load, 0, offset, 0);
        b.connect(corpus, 0, offset, 1);
        b.connect(dict, 0, offset, 2);
    }

    /**
     * Pre-train a tiny BERT on a nested artificial language, then fine-tune it to classify sequences over the same
     * integer vocabulary (low ids versus high ids). The Token Mapper cannot bridge here: a vocabulary of integer ids
     * has no word-like tokens to map symbols onto.
     */
    static void artificialPretraining(final WorkflowBuilder b) throws Exception {
        final NodeID corpus = b.node(new CorpusGeneratorNodeFactory(), 0, "Nested artificial language", m -> m
            .set("kind", "nested").set("vocabulary_size", 60).set("count", 64).set("min_length", 8)
            .set("max_length", 24).set("seed", 1L));
        final NodeID pretrain = b.node(new FineTuneNodeFactory(), 0, "Pre-train a tiny BERT", m -> m
            .set("task", "pretrain").set("text_column", "sequence").set("epochs", 1).set("batch_size", 16)
            .set("max_length", 32).set("validation_fraction", 0.0).set("pretrain_layers", 1)
            .set("pretrain_hidden", 32).set("pretrain_heads", 2).set("pretrain_vocab", 128));
        final NodeID labelled = b.table(1, "Low or high token ids", new String[]{"sequence", "label"},
            idSequences(16));
        final NodeID classify = b.node(new FineTuneNodeFactory(), 1, "Fine-tune: low or high", m -> m
            .set("task", "classify").set("text_column", "sequence").set("label_column", "label").set("epochs", 1)
            .set("batch_size", 8).set("max_length", 32).set("validation_fraction", 0.25));
        b.connect(corpus, 0, pretrain, 1);
        b.connect(pretrain, 0, classify, 0);
        b.connect(labelled, 0, classify, 1);
    }

    /** {@code n} space-separated id sequences: even rows draw ids below 30 ("low"), odd rows from 30 ("high"). */
    static String[][] idSequences(final int n) {
        final java.util.Random random = new java.util.Random(7);
        final String[][] rows = new String[n][];
        for (int r = 0; r < n; r++) {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                text.append(i == 0 ? "" : " ").append((r % 2 == 0 ? 0 : 30) + random.nextInt(30));
            }
            rows[r] = new String[]{text.toString(), r % 2 == 0 ? "low" : "high"};
        }
        return rows;
    }

    /**
     * A language model fine-tuned on DNA: the Token Mapper gives the model a mapping of 3-mers onto its word-like
     * tokens, and Fine-Tune and the Predictor read the raw sequences through it.
     */
    static void dnaCrossDiscipline(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dna = b.node(new CorpusGeneratorNodeFactory(), 1, "Labelled DNA", m -> m.set("kind", "dna")
            .set("count", 24).set("min_length", 30).set("max_length", 45).set("seed", 3L));
        final NodeID mapper = b.node(new TokenMapperNodeFactory(), 0, "3-mers by frequency rank", m -> m
            .set("sequence_column", "sequence").set("k", 3).set("stride", 3));
        final NodeID classify = b.node(new FineTuneNodeFactory(), 0, "Fine-tune: motif or not", m -> m
            .set("task", "classify").set("text_column", "sequence").set("label_column", "label").set("epochs", 1)
            .set("batch_size", 8).set("max_length", 32).set("validation_fraction", 0.0));
        final NodeID predict = b.node(new BertPredictorNodeFactory(), 0, "Predict the labels", m -> m
            .set("text_column", "sequence").set("batch_size", 8));
        b.connect(load, 0, mapper, 0);
        b.connect(dna, 0, mapper, 1);
        b.connect(mapper, 0, classify, 0);
        b.connect(mapper, 1, classify, 1);
        b.connect(classify, 0, predict, 0);
        b.connect(mapper, 1, predict, 1);
    }

    /** Zero-shot cross-lingual transfer: classify English reviews, predict Chinese ones. */
    static void zeroShot(final WorkflowBuilder b) throws Exception {
        b.variable(new FlowVariable(EPOCHS_VARIABLE, EPOCHS));
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID en = b.table(1, "English reviews", new String[]{"text", "label"}, REVIEWS_EN);
        final NodeID zh = b.table(2, "Chinese reviews", new String[]{"review"}, REVIEWS_ZH);
        final NodeID classify = b.node(new FineTuneNodeFactory(), 0, "Fine-tune on English", m -> m
            .set("task", "classify").set("text_column", "text").set("label_column", "label").set("epochs", EPOCHS)
            .controlledBy("epochs", EPOCHS_VARIABLE).set("batch_size", 4).set("learning_rate", 1e-4)
            .set("max_length", 32).set("validation_fraction", 0.0));
        final NodeID predict = b.node(new BertPredictorNodeFactory(), 1, "Predict Chinese", m -> m
            .set("text_column", "review"));
        b.connect(load, 0, classify, 0);
        b.connect(en, 0, classify, 1);
        b.connect(classify, 0, predict, 0);
        b.connect(zh, 0, predict, 1);
    }

    /** Every corpus kind once, small; not unigram, whose weights the node has no setting for. */
    static void corpusGenerator(final WorkflowBuilder b) throws Exception {
        int row = 0;
        for (final String kind : new String[]{"uniform", "zipf", "flat-pairs", "flat-2", "nested",
            "shuffle", "dna"}) {
            b.node(new CorpusGeneratorNodeFactory(), row++ % 2, kind, m -> m.set("kind", kind).set("count", 10)
                .set("min_length", 8).set("max_length", 16).set("vocabulary_size", 50));
        }
    }

    /** Dictionary MRR with a missing dictionary cell: the row is skipped with a warning. */
    static void mrrMissingCells(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dict = b.table(1, "Dictionary with a missing cell", DICTIONARY_COLUMNS,
            new String[][]{{"fish", "鱼"}, {"cat", "猫"}, {null, "书"}, {"dog", "狗"}, {"water", null}});
        final NodeID mrr = b.node(new DictionaryMrrNodeFactory(), 0, "Static (input embedding) vectors", m -> m
            .set("source_column", "en").set("target_column", "zh").set("mode", "static"));
        b.connect(load, 0, mrr, 0);
        b.connect(dict, 0, mrr, 1);
    }

    /** Token Embedding with a missing text: one pooled vector per present text, a warning for the missing one. */
    static void embeddingMissingCells(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID texts = b.table(1, "Texts, one missing", new String[]{"text"},
            new String[][]{{"the cat sleeps"}, {null}, {"猫在睡觉"}});
        final NodeID embed = b.node(new TokenEmbeddingNodeFactory(), 0, "Mean-pooled last layer", m -> m
            .set("text_column", "text").set("pooling", "mean").set("layers", "last"));
        b.connect(load, 0, embed, 0);
        b.connect(texts, 0, embed, 1);
    }

    /** Token Mapper on space-separated units with a missing sequence, unknown symbols skipped. */
    static void mapperUnknownSymbols(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID seqs = b.table(1, "Unit sequences, one missing", new String[]{"units"},
            new String[][]{{"ATG CCA TGA"}, {null}, {"CCA CCA ATG"}});
        final NodeID mapper = b.node(new TokenMapperNodeFactory(), 0, "Units by frequency rank", m -> m
            .set("sequence_column", "units").set("symbol_unit", "space-separated units").set("unknown_symbols",
                "skip"));
        b.connect(load, 0, mapper, 0);
        b.connect(seqs, 0, mapper, 1);
    }

    /** test-workflows/ of the repository (the node bundle's classes are bundles/org.bertlab.knime/target/classes). */
    static Path workflowsFolder() {
        final String explicit = System.getProperty("bertlab.test.workflows");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        return Path.of(System.getProperty("bertlab.knime.bundle")).toAbsolutePath().getParent().getParent()
            .getParent().getParent().resolve("test-workflows");
    }

    /** The author recorded in every generated workflow. */
    static final String AUTHOR = "BERT Transfer Lab";

    /** Writes every workflow into {@code root}, replacing an existing folder of the same name. */
    static void generate(final Path root) throws Exception {
        KnimeTestRuntime.start();
        // KNIME records the operating-system user as a new workflow's author; shared workflows name the project.
        final String user = System.getProperty("user.name");
        System.setProperty("user.name", AUTHOR);
        try {
            for (final Map.Entry<String, Definition> e : definitions().entrySet()) {
                final Path dir = root.resolve(e.getKey());
                delete(dir);
                Files.createDirectories(dir);
                try (WorkflowBuilder b = new WorkflowBuilder(dir)) {
                    e.getValue().build(b);
                    b.save();
                }
            }
        } finally {
            System.setProperty("user.name", user);
        }
    }

    static void delete(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "bertlab.generate.workflows", matches = "true")
    void generateTestWorkflows() throws Exception {
        generate(workflowsFolder());
    }
}
