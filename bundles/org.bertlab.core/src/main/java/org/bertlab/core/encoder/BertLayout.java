package org.bertlab.core.encoder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.bertlab.core.weights.NamedTensor;

/**
 * The names and shapes of every weight of a BERT of a given config, in Hugging Face's module paths, and BERT's
 * initialisation of new weights (normal with standard deviation 0.02, zero biases, LayerNorm 1 and 0, as
 * transformers' BertPreTrainedModel._init_weights).
 */
public final class BertLayout {

    private static final double INIT_STD = 0.02;

    private BertLayout() {
    }

    /** Encoder weights (embeddings and layers), name → shape. */
    public static Map<String, long[]> encoder(final BertConfig c) {
        final long h = c.hiddenSize();
        final long f = c.intermediateSize();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[]{c.vocabSize(), h});
        shapes.put("embeddings.position_embeddings.weight", new long[]{c.maxPositions(), h});
        shapes.put("embeddings.token_type_embeddings.weight", new long[]{c.typeVocabSize(), h});
        layerNorm(shapes, "embeddings.LayerNorm", h);
        for (int i = 0; i < c.numLayers(); i++) {
            final String l = "encoder.layer." + i + ".";
            linear(shapes, l + "attention.self.query", h, h);
            linear(shapes, l + "attention.self.key", h, h);
            linear(shapes, l + "attention.self.value", h, h);
            linear(shapes, l + "attention.output.dense", h, h);
            layerNorm(shapes, l + "attention.output.LayerNorm", h);
            linear(shapes, l + "intermediate.dense", f, h);
            linear(shapes, l + "output.dense", h, f);
            layerNorm(shapes, l + "output.LayerNorm", h);
        }
        return shapes;
    }

    public static Map<String, long[]> pooler(final BertConfig c) {
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        linear(shapes, "pooler.dense", c.hiddenSize(), c.hiddenSize());
        return shapes;
    }

    /** The masked-LM head; its decoder weight is tied to the word embeddings, so only its bias is separate. */
    public static Map<String, long[]> maskedLm(final BertConfig c) {
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        linear(shapes, "cls.predictions.transform.dense", c.hiddenSize(), c.hiddenSize());
        layerNorm(shapes, "cls.predictions.transform.LayerNorm", c.hiddenSize());
        shapes.put("cls.predictions.bias", new long[]{c.vocabSize()});
        return shapes;
    }

    public static Map<String, long[]> classifier(final BertConfig c, final int labels) {
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        linear(shapes, "classifier", labels, c.hiddenSize());
        return shapes;
    }

    public static Map<String, long[]> questionAnswering(final BertConfig c) {
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        linear(shapes, "qa_outputs", 2, c.hiddenSize());
        return shapes;
    }

    private static void linear(final Map<String, long[]> shapes, final String prefix, final long out,
        final long in) {
        shapes.put(prefix + ".weight", new long[]{out, in});
        shapes.put(prefix + ".bias", new long[]{out});
    }

    private static void layerNorm(final Map<String, long[]> shapes, final String prefix, final long h) {
        shapes.put(prefix + ".weight", new long[]{h});
        shapes.put(prefix + ".bias", new long[]{h});
    }

    /** New weights initialised as BERT does, reproducibly from the seed on any machine. */
    public static Map<String, NamedTensor> initialise(final Map<String, long[]> shapes, final long seed) {
        final Random random = new Random(seed);
        final Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (final Map.Entry<String, long[]> e : shapes.entrySet()) {
            final String name = e.getKey();
            final float[] values = new float[(int)NamedTensor.numel(e.getValue())];
            final boolean layerNorm = name.contains("LayerNorm");
            if (layerNorm && name.endsWith(".weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (!layerNorm && name.endsWith(".weight")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float)(random.nextGaussian() * INIT_STD);
                }
            }
            tensors.put(name, new NamedTensor(name, e.getValue(), values));
        }
        return tensors;
    }
}
