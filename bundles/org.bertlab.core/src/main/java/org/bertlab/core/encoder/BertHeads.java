package org.bertlab.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

/**
 * The heads Hugging Face puts on a BERT, with its weight names: the pooler ({@code pooler.dense}), the masked-LM
 * head ({@code cls.predictions.*}, decoder tied to the word embeddings), the sequence classifier
 * ({@code classifier}) and the extractive-QA start/end head ({@code qa_outputs}).
 */
public final class BertHeads {

    public static final String POOLER = "pooler.dense.weight";

    public static final String MLM = "cls.predictions.transform.dense.weight";

    public static final String CLASSIFIER = "classifier.weight";

    public static final String QA = "qa_outputs.weight";

    private final BertConfig config;

    private final BertWeights p;

    public BertHeads(final BertConfig config, final BertWeights parameters) {
        this.config = config;
        this.p = parameters;
    }

    public boolean hasPooler() {
        return p.has(POOLER);
    }

    public boolean hasMaskedLm() {
        return p.has(MLM);
    }

    public boolean hasClassifier() {
        return p.has(CLASSIFIER);
    }

    public boolean hasQuestionAnswering() {
        return p.has(QA);
    }

    /** tanh(dense(hidden of [CLS])) → [batch, hidden]. */
    public NDArray pool(final NDArray lastHidden) {
        final NDArray cls = lastHidden.get(new NDIndex(":, 0, :"));
        return Ops.linear(p, "pooler.dense", cls).tanh();
    }

    /** Vocabulary logits [.., vocab] for hidden states [.., hidden]. */
    public NDArray maskedLmLogits(final NDArray hidden) {
        NDArray x = Activation.gelu(Ops.linear(p, "cls.predictions.transform.dense", hidden));
        x = Ops.layerNorm(p, "cls.predictions.transform.LayerNorm", x, config.layerNormEps());
        final NDArray decoder = p.has("cls.predictions.decoder.weight") ? p.get("cls.predictions.decoder.weight")
            : p.get("embeddings.word_embeddings.weight");
        return ai.djl.nn.core.Linear.linear(x, decoder, p.get("cls.predictions.bias")).singletonOrThrow();
    }

    /** Class logits [batch, labels] from the pooled [CLS] state, with BERT's dropout before the classifier. */
    public NDArray classifierLogits(final NDArray lastHidden, final boolean training) {
        final NDArray pooled = hasPooler() ? pool(lastHidden) : lastHidden.get(new NDIndex(":, 0, :"));
        return Ops.linear(p, "classifier", Ops.dropout(pooled, config.hiddenDropout(), training));
    }

    /** Start and end logits [batch, length, 2] for extractive QA. */
    public NDArray questionAnsweringLogits(final NDArray lastHidden) {
        return Ops.linear(p, "qa_outputs", lastHidden);
    }
}
