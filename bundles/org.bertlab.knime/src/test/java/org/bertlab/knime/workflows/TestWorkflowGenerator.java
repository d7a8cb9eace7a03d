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
import org.bertlab.knime.nodes.exampledata.ExampleDataNodeFactory;
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
 * built with KNIME's {@code WorkflowManager} and saved unexecuted, with a description in its workflow metadata and an
 * annotation on every node. They use only this extension's nodes and KNIME core: data comes from the Example Data and
 * Artificial Corpus Generator nodes, models are the embedded default model or a tiny one pre-trained inside the
 * workflow, so each runs in seconds.
 * Two workflows expose a setting as a workflow variable, as a scheduled run sets it: cross-lingual the layers of
 * Dictionary MRR ({@value #MRR_LAYERS_VARIABLE}), zero-shot the epochs of Fine-Tune ({@value #EPOCHS_VARIABLE}).
 *
 * <p>A normal build does not run it (the module's surefire configuration excludes it), so it never rewrites committed
 * files; regenerate by naming it with {@code -Dtest} and setting {@code -Dbertlab.generate.workflows=true} (see
 * test-workflows/README.md).
 */
class TestWorkflowGenerator {

    /** Example Data's data sets, as its drop-down names them. */
    static final String DICTIONARY = "English-Chinese dictionary";
    static final String SENTENCES = "English and Chinese sentences";
    static final String TOPICS = "Topic sentences, English and Chinese";
    static final String DNA = "DNA sequences with a planted motif";
    static final String QA_EN_TRAIN = "QA English training";
    static final String QA_ZH_TRAIN = "QA Chinese training";
    static final String QA_EN_TEST = "QA English test";
    static final String QA_ZH_TEST = "QA Chinese test";

    /** Every data set with its full size, for {@code node-example-data}. */
    static final Map<String, Integer> DATA_SET_SIZES = new LinkedHashMap<>();

    static {
        DATA_SET_SIZES.put(DICTIONARY, 370);
        DATA_SET_SIZES.put(SENTENCES, 644 + 643);
        DATA_SET_SIZES.put(TOPICS, 160);
        DATA_SET_SIZES.put(DNA, 200);
        DATA_SET_SIZES.put(QA_EN_TRAIN, 300);
        DATA_SET_SIZES.put(QA_ZH_TRAIN, 300);
        DATA_SET_SIZES.put(QA_EN_TEST, 100);
        DATA_SET_SIZES.put(QA_ZH_TEST, 100);
    }

    /** Rows the workflows take of the larger sets, so each runs in seconds on two cores. */
    static final int TOPIC_ROWS = 16;
    static final int DNA_ROWS = 24;
    static final int QA_TRAIN_ROWS = 24;
    static final int QA_TEST_ROWS = 8;

    /** Workflow variable of cross-lingual: Dictionary MRR's layers (a scheduled run may set other layers). */
    static final String MRR_LAYERS_VARIABLE = "mrr_layers";

    static final String MRR_LAYERS = "0,2,4";

    /** Workflow variable of zero-shot: Fine-Tune's epochs. */
    static final String EPOCHS_VARIABLE = "fine_tune_epochs";

    static final int EPOCHS = 2;

    /** One workflow: what its metadata says, and how it is built. */
    record Definition(String description, Build build) {
    }

    @FunctionalInterface
    interface Build {
        void build(WorkflowBuilder b) throws Exception;
    }

    /** name to definition; the order is the README's. */
    static Map<String, Definition> definitions() {
        final Map<String, Definition> all = new LinkedHashMap<>();
        all.put("cross-lingual", new Definition("""
            Cross-lingual alignment of the embedded multilingual-vocabulary BERT (bge-small-zh): Dictionary MRR ranks, \
            for each English word of the shipped English-Chinese dictionary, every Chinese word by cosine similarity of \
            contextual word vectors (averaged over the word's occurrences in the shipped sentences) at layers 0, 2 and \
            4, in both directions; Language Offset computes the mean vector difference between the two languages at \
            layers 0 and 4.

            What to look at: Dictionary MRR's first output (one row per layer and direction: MRR, P@1, P@5, P@10, \
            pairs evaluated and skipped - pairs whose word never occurs in the 160 sentences taken are skipped), its \
            chart, and Language Offset's accuracy by layer. Change "Rows" of the sentences node to use more of the \
            corpus.""", TestWorkflowGenerator::crossLingual));
        all.put("artificial-pretraining", new Definition("""
            Pre-training on artificial data, then a downstream task: a tiny BERT (1 layer, hidden size 32) is \
            pre-trained with masked LM on 64 artificial DNA sequences from the Artificial Corpus Generator, then \
            fine-tuned to tell DNA sequences with the planted motif TATAAA from those without (Example Data's DNA set). \
            The nodes map DNA only onto word-like vocabulary tokens (Token Mapper), so the tiny model learns the DNA \
            letters themselves; the command line's "bertlab experiment artificial" compares the artificial corpus \
            kinds properly.

            What to look at: the statistics output of both Fine-Tune nodes (training loss by epoch; for the \
            classifier also validation accuracy on a quarter of the sequences).""",
            TestWorkflowGenerator::artificialPretraining));
        all.put("dna-cross-discipline", new Definition("""
            Cross-discipline transfer from language to DNA: the Token Mapper reads the DNA sequences as 3-mers and \
            maps them onto the embedded language model's word-like tokens by frequency rank; Fine-Tune trains the \
            language model to find the planted motif through that mapping, and the BERT Predictor labels the \
            sequences.

            What to look at: the Token Mapper's mapped text (the DNA as the model reads it), Fine-Tune's statistics, \
            and the Predictor's prediction and score columns against the label column.""",
            TestWorkflowGenerator::dnaCrossDiscipline));
        all.put("zero-shot", new Definition("""
            Zero-shot cross-lingual topic classification: the embedded model is fine-tuned to tell the topic (food, \
            weather, sport, animals) of English sentences only, and the BERT Predictor then classifies their Chinese \
            translations, which it never saw with a label.

            What to look at: the Predictor's prediction column against the topic column (the Chinese text is in zh); \
            "bertlab experiment zero-shot" measures the same on held-out sentences over several seeds.""",
            TestWorkflowGenerator::zeroShot));
        all.put("zero-shot-qa", new Definition("""
            Zero-shot cross-lingual reading comprehension (Hsu, Liu and Lee 2019): the embedded model is fine-tuned \
            for extractive QA on English questions of the shipped QA set, and scored on Chinese questions: Fine-Tune's \
            validation table is the Chinese test set, so its statistics give exact match and F1 (official SQuAD \
            normalisation) on Chinese; the BERT Predictor shows the answers it finds in the Chinese paragraphs.

            What to look at: Fine-Tune's statistics (exact match and F1 on the Chinese questions) and the Predictor's \
            answer column against answer_text. With this few training questions and one epoch the scores are low; \
            "bertlab experiment zero-shot-qa" runs the full comparison. The SQuAD Reader node reads the real SQuAD \
            and DRCD files into the same table.""", TestWorkflowGenerator::zeroShotQa));
        all.put("node-corpus-generator", new Definition("""
            The Artificial Corpus Generator: every corpus kind except unigram (whose weights have no node setting), \
            10 sequences each.

            What to look at: the sequence column of each node (the structure of its kind: pairs, nesting, shuffled \
            runs) and the label column of the DNA kind.""", TestWorkflowGenerator::corpusGenerator));
        all.put("node-example-data", new Definition("""
            The Example Data node: every data set it ships, all rows. All were written or generated for BERT \
            Transfer Lab and are CC0 (public domain); the node description says where each comes from.

            What to look at: the column layout of each set - the dictionary and sentences for Dictionary MRR and \
            Language Offset, the topic sentences for classification, DNA for the Token Mapper, the four QA sets in \
            the table Fine-Tune's QA task takes.""", TestWorkflowGenerator::exampleData));
        all.put("node-dictionary-mrr-static", new Definition("""
            Dictionary MRR with static vectors (the input embedding layer, no corpus) on the whole shipped \
            dictionary: 370 pairs, several Chinese targets for some English words, and English words the tokenizer \
            splits into several pieces (pooled by their mean).

            What to look at: one metrics row per direction (English to Chinese, Chinese to English) and the rank of \
            every pair in the second output.""", TestWorkflowGenerator::mrrStatic));
        all.put("node-token-embedding-per-token", new Definition("""
            Token Embedding with one row per token (output "none": no pooling) at layers 0 and 4 (the last), on four English \
            and Chinese sentences, [CLS] and [SEP] included.

            What to look at: the token and position columns (WordPiece pieces of the English words, single \
            characters of the Chinese ones) and one vector column per layer.""",
            TestWorkflowGenerator::embeddingPerToken));
        all.put("node-token-mapper-random", new Definition("""
            The Token Mapper with random matching (seeded) on DNA 3-mers with stride 1 (overlapping 3-mers), the \
            control condition of the cross-discipline experiments.

            What to look at: the mapped text column (each 3-mer replaced by a randomly chosen word-like token of the \
            model's vocabulary) and the mapping shown in the output model's port view.""",
            TestWorkflowGenerator::mapperRandom));
        return all;
    }

    /** An Example Data node with the first {@code rows} rows (0: all) of {@code dataSet}. */
    static NodeID exampleData(final WorkflowBuilder b, final int row, final String dataSet, final int rows,
        final String annotation) throws Exception {
        return b.node(new ExampleDataNodeFactory(), row, annotation, m -> m.set("data_set", dataSet)
            .set("rows", rows));
    }

    /** Cross-lingual alignment: MRR per layer and direction, and the language offset, on the shipped data. */
    static void crossLingual(final WorkflowBuilder b) throws Exception {
        b.variable(new FlowVariable(MRR_LAYERS_VARIABLE, MRR_LAYERS));
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dict = exampleData(b, 1, DICTIONARY, 0, "English-Chinese dictionary\n(370 pairs)");
        final NodeID corpus = exampleData(b, 2, SENTENCES, 160, "80 English and 80 Chinese\nsentences");
        final NodeID mrr = b.node(new DictionaryMrrNodeFactory(), 0, "MRR at layers 0, 2, 4\n(contextual vectors)",
            m -> m.set("source_column", "en").set("target_column", "zh").set("corpus_text_column", "text")
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
     * Pre-train a tiny BERT on artificial DNA, then fine-tune it on the motif task. The Token Mapper cannot bridge
     * from DNA to a vocabulary of integer ids (it maps onto word-like tokens only), so the pre-training corpus is the
     * generator's DNA kind, whose letters the downstream sequences share.
     */
    static void artificialPretraining(final WorkflowBuilder b) throws Exception {
        final NodeID corpus = b.node(new CorpusGeneratorNodeFactory(), 0, "64 artificial DNA sequences", m -> m
            .set("kind", "dna").set("count", 64).set("min_length", 20).set("max_length", 30).set("seed", 1L));
        final NodeID pretrain = b.node(new FineTuneNodeFactory(), 0, "Pre-train a tiny BERT\n(masked LM, 1 layer)",
            m -> m.set("task", "pretrain").set("text_column", "sequence").set("epochs", 1).set("batch_size", 16)
                .set("max_length", 32).set("validation_fraction", 0.0).set("pretrain_layers", 1)
                .set("pretrain_hidden", 32).set("pretrain_heads", 2).set("pretrain_vocab", 128));
        final NodeID labelled = exampleData(b, 1, DNA, 32, "32 labelled DNA sequences");
        final NodeID classify = b.node(new FineTuneNodeFactory(), 1, "Fine-tune: motif or not", m -> m
            .set("task", "classify").set("text_column", "sequence").set("label_column", "label").set("epochs", 1)
            .set("batch_size", 8).set("max_length", 64).set("validation_fraction", 0.25));
        b.connect(corpus, 0, pretrain, 1);
        b.connect(pretrain, 0, classify, 0);
        b.connect(labelled, 0, classify, 1);
    }

    /**
     * A language model fine-tuned on DNA: the Token Mapper gives the model a mapping of 3-mers onto its word-like
     * tokens, and Fine-Tune and the Predictor read the raw sequences through it.
     */
    static void dnaCrossDiscipline(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dna = exampleData(b, 1, DNA, DNA_ROWS, DNA_ROWS + " labelled DNA sequences");
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

    /** Zero-shot cross-lingual transfer: classify English topic sentences, predict their Chinese translations. */
    static void zeroShot(final WorkflowBuilder b) throws Exception {
        b.variable(new FlowVariable(EPOCHS_VARIABLE, EPOCHS));
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID topics = exampleData(b, 1, TOPICS, TOPIC_ROWS, TOPIC_ROWS + " topic sentences\n(en and zh)");
        final NodeID classify = b.node(new FineTuneNodeFactory(), 0, "Fine-tune on English (en)", m -> m
            .set("task", "classify").set("text_column", "en").set("label_column", "topic").set("epochs", EPOCHS)
            .controlledBy("epochs", EPOCHS_VARIABLE).set("batch_size", 4).set("learning_rate", 1e-4)
            .set("max_length", 32).set("validation_fraction", 0.0));
        final NodeID predict = b.node(new BertPredictorNodeFactory(), 1, "Predict the Chinese (zh)", m -> m
            .set("text_column", "zh"));
        b.connect(load, 0, classify, 0);
        b.connect(topics, 0, classify, 1);
        b.connect(classify, 0, predict, 0);
        b.connect(topics, 0, predict, 1);
    }

    /** Zero-shot cross-lingual QA: fine-tune on English questions, score and answer Chinese ones. */
    static void zeroShotQa(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID english = exampleData(b, 1, QA_EN_TRAIN, QA_TRAIN_ROWS, QA_TRAIN_ROWS
            + " English training\nquestions");
        final NodeID chinese = exampleData(b, 2, QA_ZH_TEST, QA_TEST_ROWS, QA_TEST_ROWS + " Chinese test questions");
        final NodeID qa = b.node(new FineTuneNodeFactory(), 0, "Fine-tune QA on English,\nscored on Chinese", m -> m
            .set("task", "qa").set("text_column", "question").set("pair_column", "context")
            .set("label_column", "answer_text").set("answer_start_column", "answer_start").set("epochs", 1)
            .set("batch_size", 8).set("learning_rate", 3e-4).set("max_length", 96).set("validation_fraction", 0.0)
            .set("freeze_embeddings", true));
        final NodeID predict = b.node(new BertPredictorNodeFactory(), 1, "Answer the Chinese questions", m -> m
            .set("mode", "answers").set("text_column", "question").set("pair_column", "context"));
        b.connect(load, 0, qa, 0);
        b.connect(english, 0, qa, 1);
        b.connect(chinese, 0, qa, 2);
        b.connect(qa, 0, predict, 0);
        b.connect(chinese, 0, predict, 1);
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

    /** Every Example Data set, all rows; the annotation is the data set's name. */
    static void exampleData(final WorkflowBuilder b) throws Exception {
        int row = 0;
        for (final String set : DATA_SET_SIZES.keySet()) {
            exampleData(b, row++ % 2, set, 0, set);
        }
    }

    /** Dictionary MRR, static vectors, on the whole dictionary. */
    static void mrrStatic(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dict = exampleData(b, 1, DICTIONARY, 0, "English-Chinese dictionary\n(370 pairs)");
        final NodeID mrr = b.node(new DictionaryMrrNodeFactory(), 0, "Static (input embedding) vectors", m -> m
            .set("source_column", "en").set("target_column", "zh").set("mode", "static"));
        b.connect(load, 0, mrr, 0);
        b.connect(dict, 0, mrr, 1);
    }

    /** Token Embedding, one row per token, two layers. */
    static void embeddingPerToken(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID texts = exampleData(b, 1, SENTENCES, 4, "2 English and 2 Chinese\nsentences");
        final NodeID embed = b.node(new TokenEmbeddingNodeFactory(), 0, "One row per token,\nlayers 0 and 4",
            m -> m.set("text_column", "text").set("pooling", "none").set("layers", "0,4"));
        b.connect(load, 0, embed, 0);
        b.connect(texts, 0, embed, 1);
    }

    /** Token Mapper, random matching, overlapping 3-mers. */
    static void mapperRandom(final WorkflowBuilder b) throws Exception {
        final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
        final NodeID dna = exampleData(b, 1, DNA, DNA_ROWS, DNA_ROWS + " DNA sequences");
        final NodeID mapper = b.node(new TokenMapperNodeFactory(), 0, "Random matching,\noverlapping 3-mers", m -> m
            .set("sequence_column", "sequence").set("k", 3).set("stride", 1).set("strategy", "random")
            .set("seed", 7L));
        b.connect(load, 0, mapper, 0);
        b.connect(dna, 0, mapper, 1);
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
                    e.getValue().build().build(b);
                    b.describe(AUTHOR, e.getValue().description());
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
