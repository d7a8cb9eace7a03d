package org.bertlab.core.ort;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.encoder.InferencePrecision;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The encoder as an ONNX graph of ONNX Runtime's fused transformer operators, written from the model's weights:
 * per layer one {@code com.microsoft:Attention} (query, key and value in one matrix product; scores, mask, softmax
 * and the head reshapes in one kernel), two {@code SkipLayerNormalization} (bias, residual add and LayerNorm in one
 * pass) and a {@code BiasGelu} (exact erf GELU, as BERT's). ONNX Runtime's optimiser does not find the attention
 * and skip-LayerNorm fusions in the exports of current transformers versions, and exposing inner layers as outputs
 * of such an export blocks fusions; written fused, the graph has every layer's hidden state as a plain output. On a
 * batch without padding it is as fast as the export; on real batches the packing below makes it faster
 * (docs/performance.md).
 *
 * <p>
 * Padding is computed only where it must be: inside attention. Every other operator (the embeddings, the matrix
 * products around attention and in the feed-forward block, GELU, LayerNorm) runs on the real tokens of the batch
 * packed one after another, so a batch whose texts differ in length pays for padding in attention alone. A
 * {@code Gather} lays each layer's input out on the padded grid for attention and another takes the real tokens
 * back.
 *
 * <p>
 * Inputs (see {@link PackedBatch}): per real token {@code input_ids}, {@code token_type_ids}, {@code position_ids},
 * {@code pack_index} ([tokens] int64); per cell of the padded grid {@code pad_index} ([batch, length] int64) and
 * {@code attention_mask} ([batch, length] int32). Outputs {@link #output(int) hidden.0} (embedding output) to
 * {@code hidden.N}, each [tokens, hidden] float, in packed order. The weights are declared as external data and
 * handed over separately ({@link #weights()}), so the graph bytes stay small and the weights are copied once,
 * straight into native memory.
 *
 * <p>
 * In {@link InferencePrecision#INT8} every matrix product with a weight runs in int8 on ONNX Runtime's dynamically
 * quantised {@code DynamicQuantizeMatMul}, query, key and value included (on the packed tokens, so padding is
 * skipped there too); attention itself ({@code MultiHeadAttention}: scores, mask, softmax, context) stays fp32. The
 * CPU kernel quantises the activations per tensor to uint8 at run time and multiplies uint8 by int8 with the
 * processor's integer dot products (AVX-512 VNNI where present). The weights are quantised here, per output column
 * ({@link #quantise}).
 */
final class FusedOnnxGraph {

    /**
     * A weight in native memory, declared in the graph as external data under {@code name}: a {@link FloatBuffer}
     * (float) or a {@link ByteBuffer} (int8).
     */
    record Weight(String name, long[] shape, Buffer values) {
    }

    /**
     * A matrix [rows, cols] quantised per column: {@code values[r × cols + c] × scales[c]} approximates the original.
     */
    record Quantised(byte[] values, float[] scales) {
    }

    // ONNX TensorProto.DataType values.
    private static final int FLOAT = 1;

    private static final int INT8 = 3;

    private static final int INT32 = 6;

    private static final int INT64 = 7;

    private final BertConfig config;

    private final BertWeights parameters;

    private final boolean int8;

    private final ProtoWriter graph = new ProtoWriter();

    private final List<Weight> weights = new ArrayList<>();

    private final byte[] model;

    FusedOnnxGraph(final BertConfig config, final BertWeights parameters, final InferencePrecision precision) {
        this.config = config;
        this.parameters = parameters;
        this.int8 = precision == InferencePrecision.INT8;
        this.model = write();
    }

    /** Output name of the hidden state of {@code layer} (0 = embedding output). */
    static String output(final int layer) {
        return "hidden." + layer;
    }

    /** The serialised ModelProto, without the weights' values. */
    byte[] model() {
        return model;
    }

    /** The weights the graph declares as external data, to hand to the session. */
    List<Weight> weights() {
        return weights;
    }

    private byte[] write() {
        for (final String input : new String[]{"input_ids", "token_type_ids", "position_ids", "pack_index"}) {
            graph.message(11, valueInfo(input, INT64, "tokens"));
        }
        graph.message(11, valueInfo("pad_index", INT64, "batch", "length"));
        graph.message(11, valueInfo("attention_mask", INT32, "batch", "length"));
        constant("rows", -1, config.hiddenSize());
        if (int8) {
            constant("qkv.split", config.hiddenSize(), config.hiddenSize(), config.hiddenSize());
        }
        embeddings();
        for (int i = 0; i < config.numLayers(); i++) {
            layer(i);
        }
        for (int layer = 0; layer <= config.numLayers(); layer++) {
            graph.message(12, valueInfo(output(layer), FLOAT, "tokens", "hidden"));
        }
        graph.string(2, "bert_encoder");
        return new ProtoWriter()
            .varint(1, 8) // ir_version 8
            .string(2, "org.bertlab.core")
            .message(7, graph)
            .message(8, opset("", 17)) // LayerNormalization needs opset 17
            .message(8, opset("com.microsoft", 1))
            .toByteArray();
    }

    /** word + token type + position embeddings of each real token, then LayerNorm. */
    private void embeddings() {
        weight("word", "embeddings.word_embeddings.weight");
        weight("type", "embeddings.token_type_embeddings.weight");
        weight("position", "embeddings.position_embeddings.weight");
        weight("embeddings.gamma", "embeddings.LayerNorm.weight");
        weight("embeddings.beta", "embeddings.LayerNorm.bias");
        node("Gather", "", new String[]{"word", "input_ids"}, new String[]{"embeddings.word"});
        node("Gather", "", new String[]{"type", "token_type_ids"}, new String[]{"embeddings.type"});
        node("Gather", "", new String[]{"position", "position_ids"}, new String[]{"embeddings.position"});
        node("Add", "", new String[]{"embeddings.word", "embeddings.type"}, new String[]{"embeddings.partial"});
        node("Add", "", new String[]{"embeddings.partial", "embeddings.position"}, new String[]{"embeddings.sum"});
        node("LayerNormalization", "", new String[]{"embeddings.sum", "embeddings.gamma", "embeddings.beta"},
            new String[]{output(0)}, intAttribute("axis", -1), floatAttribute("epsilon", config.layerNormEps()));
    }

    private void layer(final int i) {
        final String hf = "encoder.layer." + i + ".";
        final String p = "layer" + i + ".";
        final String in = output(i);
        qkv(p + "qkv", hf + "attention.self.");
        if (int8) {
            // Query, key and value in one int8 product on the packed tokens (no padding, one large product rather
            // than QAttention's one per text and head: 5 % faster end to end, measured once), then only the
            // attention itself on the grid, in fp32.
            node("DynamicQuantizeMatMul", "com.microsoft", new String[]{in, p + "qkv.weight", p + "qkv.scale"},
                new String[]{p + "qkv"});
            node("Gather", "", new String[]{p + "qkv", "pad_index"}, new String[]{p + "qkv.padded"});
            node("Split", "", new String[]{p + "qkv.padded", "qkv.split"}, new String[]{p + "query", p + "key",
                p + "value"}, intAttribute("axis", -1));
            node("MultiHeadAttention", "com.microsoft", new String[]{p + "query", p + "key", p + "value",
                p + "qkv.bias", "attention_mask"}, new String[]{p + "context.padded"},
                intAttribute("num_heads", config.numHeads()));
        } else {
            node("Gather", "", new String[]{in, "pad_index"}, new String[]{p + "padded"});
            node("Attention", "com.microsoft", new String[]{p + "padded", p + "qkv.weight", p + "qkv.bias",
                "attention_mask"}, new String[]{p + "context.padded"}, intAttribute("num_heads", config.numHeads()));
        }
        node("Reshape", "", new String[]{p + "context.padded", "rows"}, new String[]{p + "context.grid"});
        node("Gather", "", new String[]{p + "context.grid", "pack_index"}, new String[]{p + "context"});
        linear(p + "attention", hf + "attention.output.dense", p + "context");
        skipLayerNorm(p + "attention", hf + "attention.output.LayerNorm", in, p + "attention.normed");
        linear(p + "intermediate", hf + "intermediate.dense", p + "attention.normed");
        node("BiasGelu", "com.microsoft", new String[]{p + "intermediate", p + "intermediate.bias"},
            new String[]{p + "intermediate.gelu"});
        linear(p + "output", hf + "output.dense", p + "intermediate.gelu");
        skipLayerNorm(p + "output", hf + "output.LayerNorm", p + "attention.normed", output(i + 1));
    }

    /** Query, key and value weights side by side, [hidden, 3 × hidden], as the Attention operator takes them. */
    private void qkv(final String name, final String hf) {
        final String[] parts = {"query", "key", "value"};
        final int h = config.hiddenSize();
        final FloatBuffer w = allocate(3L * h * h);
        final FloatBuffer b = allocate(3L * h);
        for (int k = 0; k < parts.length; k++) {
            final float[] weight = floats(hf + parts[k] + ".weight");
            for (int out = 0; out < h; out++) {
                for (int in = 0; in < h; in++) {
                    w.put(in * 3 * h + k * h + out, weight[out * h + in]);
                }
            }
            b.put(k * h, floats(hf + parts[k] + ".bias"));
        }
        matrix(name, new long[]{h, 3L * h}, w);
        external(name + ".bias", new long[]{3L * h}, b);
    }

    /**
     * MatMul by the weight transposed from PyTorch's [out, in] to [in, out], giving {@code name}; the bias is left
     * for the next fused node, as {@code name.bias}.
     */
    private void linear(final String name, final String hf, final String input) {
        final long[] shape = parameters.get(hf + ".weight").getShape().getShape();
        matrix(name, new long[]{shape[1], shape[0]}, transposed(floats(hf + ".weight"), (int)shape[0],
            (int)shape[1]));
        weight(name + ".bias", hf + ".bias");
        if (int8) {
            node("DynamicQuantizeMatMul", "com.microsoft", new String[]{input, name + ".weight", name + ".scale"},
                new String[]{name});
        } else {
            node("MatMul", "", new String[]{input, name + ".weight"}, new String[]{name});
        }
    }

    /**
     * A weight matrix [in, out] as {@code name.weight}: as it is in fp32, or in int8 with its per-column scales as
     * {@code name.scale}.
     */
    private void matrix(final String name, final long[] shape, final FloatBuffer values) {
        if (!int8) {
            external(name + ".weight", shape, values);
            return;
        }
        final float[] floats = new float[values.capacity()];
        values.get(0, floats);
        final Quantised q = quantise(floats, (int)shape[0], (int)shape[1]);
        final ByteBuffer bytes = ByteBuffer.allocateDirect(q.values().length);
        bytes.put(0, q.values());
        external(name + ".weight", shape, bytes);
        final FloatBuffer scales = allocate(q.scales().length);
        scales.put(0, q.scales());
        external(name + ".scale", new long[]{shape[1]}, scales);
    }

    /**
     * Symmetric int8 quantisation per column of a [rows, cols] matrix: scale = max |column| / 127, value =
     * round(w / scale) in [-127, 127]; an all-zero column gets scale 1. Symmetric (zero point 0) so that the integer
     * product needs no zero-point correction on the weight side; per column because the columns of a trained
     * BERT's matrices differ in range by an order of magnitude.
     */
    static Quantised quantise(final float[] matrix, final int rows, final int cols) {
        final float[] scales = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                scales[c] = Math.max(scales[c], Math.abs(matrix[r * cols + c]));
            }
        }
        for (int c = 0; c < cols; c++) {
            scales[c] = scales[c] == 0 ? 1 : scales[c] / 127;
        }
        final byte[] values = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                final int q = Math.round(matrix[r * cols + c] / scales[c]);
                values[r * cols + c] = (byte)Math.max(-127, Math.min(127, q));
            }
        }
        return new Quantised(values, scales);
    }

    /** [rows, cols] row-major to [cols, rows]. */
    private static FloatBuffer transposed(final float[] values, final int rows, final int cols) {
        final FloatBuffer buffer = allocate((long)rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                buffer.put(c * rows + r, values[r * cols + c]);
            }
        }
        return buffer;
    }

    /** LayerNorm(name + name.bias + skip). */
    private void skipLayerNorm(final String name, final String hf, final String skip, final String output) {
        weight(name + ".gamma", hf + ".weight");
        weight(name + ".beta", hf + ".bias");
        node("SkipLayerNormalization", "com.microsoft",
            new String[]{name, skip, name + ".gamma", name + ".beta", name + ".bias"}, new String[]{output},
            floatAttribute("epsilon", config.layerNormEps()));
    }

    private void weight(final String name, final String hf) {
        final long[] shape = parameters.get(hf).getShape().getShape();
        final float[] values = floats(hf);
        final FloatBuffer buffer = allocate(values.length);
        buffer.put(0, values);
        external(name, shape, buffer);
    }

    private float[] floats(final String hf) {
        final NDArray array = parameters.get(hf);
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray cast = array.toType(DataType.FLOAT32, false)) {
            return cast.toFloatArray();
        }
    }

    private static FloatBuffer allocate(final long floats) {
        return ByteBuffer.allocateDirect(Math.toIntExact(floats * Float.BYTES)).order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    }

    // --- messages of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) ---

    /** A TensorProto whose data is external (data_location = EXTERNAL); ONNX Runtime gets the values separately. */
    private void external(final String name, final long[] shape, final Buffer values) {
        final ProtoWriter tensor = new ProtoWriter();
        for (final long d : shape) {
            tensor.varint(1, d);
        }
        tensor.varint(2, values instanceof ByteBuffer ? INT8 : FLOAT).string(8, name)
            .message(13, new ProtoWriter().string(1, "location").string(2, "weights")) // external_data
            .varint(14, 1); // data_location = EXTERNAL
        graph.message(5, tensor);
        weights.add(new Weight(name, shape, values));
    }

    /** A small 1-D int64 initializer, stored in the graph. */
    private void constant(final String name, final long... values) {
        final ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        graph.message(5, new ProtoWriter().varint(1, values.length).varint(2, INT64).string(8, name)
            .bytes(9, raw.array()));
    }

    private void node(final String op, final String domain, final String[] inputs, final String[] outputs,
        final ProtoWriter... attributes) {
        final ProtoWriter node = new ProtoWriter();
        for (final String input : inputs) {
            node.string(1, input);
        }
        for (final String output : outputs) {
            node.string(2, output);
        }
        node.string(3, outputs[0] + "/" + op).string(4, op);
        for (final ProtoWriter attribute : attributes) {
            node.message(5, attribute);
        }
        if (!domain.isEmpty()) {
            node.string(7, domain);
        }
        graph.message(1, node);
    }

    private static ProtoWriter intAttribute(final String name, final long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2); // type INT
    }

    private static ProtoWriter floatAttribute(final String name, final float value) {
        return new ProtoWriter().string(1, name).fixed32(2, Float.floatToIntBits(value)).varint(20, 1); // FLOAT
    }

    private static ProtoWriter valueInfo(final String name, final int elementType, final String... dims) {
        final ProtoWriter shape = new ProtoWriter();
        for (final String dim : dims) {
            shape.message(1, new ProtoWriter().string(2, dim)); // dim_param
        }
        final ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static ProtoWriter opset(final String domain, final long version) {
        final ProtoWriter opset = new ProtoWriter();
        if (!domain.isEmpty()) {
            opset.string(1, domain);
        }
        return opset.varint(2, version);
    }
}
