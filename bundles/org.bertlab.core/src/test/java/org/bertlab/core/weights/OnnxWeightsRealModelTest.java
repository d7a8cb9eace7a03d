package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real bge-small-zh-v1.5 export (4 layers, hidden 512, FFN 2048, vocab 21128) from the test classpath and
 * checks names, shapes, the parameter count and the MatMul transposition against an independent walk of the file.
 */
class OnnxWeightsRealModelTest {

    private static final String RESOURCE = "/bge-small-zh-v1.5.onnx";

    private static byte[] modelBytes;

    private static LinkedHashMap<String, NamedTensor> weights;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream in = OnnxWeightsRealModelTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " not on the test classpath");
            modelBytes = in.readAllBytes();
        }
        weights = OnnxWeights.read(new ByteArrayInputStream(modelBytes), "bge-small-zh-v1.5.onnx");
    }

    @Test
    void namesAndShapesAreThoseOfHuggingFaceBert() throws IOException {
        final Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("embeddings.word_embeddings.weight", new long[]{21128, 512});
        expected.put("embeddings.position_embeddings.weight", new long[]{512, 512});
        expected.put("embeddings.token_type_embeddings.weight", new long[]{2, 512});
        expected.put("embeddings.LayerNorm.weight", new long[]{512});
        expected.put("embeddings.LayerNorm.bias", new long[]{512});
        for (int l = 0; l < 4; l++) {
            final String p = "encoder.layer." + l + ".";
            for (final String m : List.of("query", "key", "value")) {
                expected.put(p + "attention.self." + m + ".weight", new long[]{512, 512});
                expected.put(p + "attention.self." + m + ".bias", new long[]{512});
            }
            expected.put(p + "attention.output.dense.weight", new long[]{512, 512});
            expected.put(p + "attention.output.dense.bias", new long[]{512});
            expected.put(p + "attention.output.LayerNorm.weight", new long[]{512});
            expected.put(p + "attention.output.LayerNorm.bias", new long[]{512});
            expected.put(p + "intermediate.dense.weight", new long[]{2048, 512});
            expected.put(p + "intermediate.dense.bias", new long[]{2048});
            expected.put(p + "output.dense.weight", new long[]{512, 2048});
            expected.put(p + "output.dense.bias", new long[]{512});
            expected.put(p + "output.LayerNorm.weight", new long[]{512});
            expected.put(p + "output.LayerNorm.bias", new long[]{512});
        }
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(weights.keySet()));
        long params = 0;
        for (final Map.Entry<String, long[]> e : expected.entrySet()) {
            final NamedTensor t = weights.get(e.getKey());
            assertEquals(e.getKey(), t.name());
            assertArrayEquals(e.getValue(), t.shape(), e.getKey());
            params += t.numel();
        }
        // embeddings: 21128*512 + 512*512 + 2*512 + 2*512; per layer:
        // 4*(512*512+512) + 2*512 + (2048*512+2048) + (512*2048+512) + 2*512
        assertEquals(23_691_264L, params);
        OnnxWeights.requireBert(weights, "bge-small-zh-v1.5.onnx");
        // LayerNorm gains of a trained model sit around 1, far from the zeros a misread buffer gives.
        final float[] gamma = weights.get("embeddings.LayerNorm.weight").values();
        double mean = 0;
        for (final float g : gamma) {
            mean += g / gamma.length;
        }
        assertTrue(mean > 0.2 && mean < 5, "mean LayerNorm gain " + mean);
    }

    @Test
    void fileReadMatchesStreamReadAndConvertsToSafetensors(@TempDir final Path dir) throws IOException {
        final Path onnx = Files.write(dir.resolve("bge-small-zh-v1.5.onnx"), modelBytes);
        final LinkedHashMap<String, NamedTensor> fromFile = OnnxWeights.read(onnx);
        assertEquals(weights, fromFile);

        final Path st = dir.resolve("model.safetensors");
        Safetensors.write(st, fromFile.values(), Map.of("converted_from", onnx.getFileName().toString()));
        final LinkedHashMap<String, NamedTensor> back = Safetensors.readFolder(dir);
        assertEquals(fromFile, back);
    }

    @Test
    void matMulWeightsAreTransposedToOutIn() throws IOException {
        checkTransposed("/encoder/layer.0/attention/self/query/MatMul", "encoder.layer.0.attention.self.query.weight");
        // Non-square: a wrong axis order would show as a wrong shape as well as wrong values.
        checkTransposed("/encoder/layer.0/intermediate/dense/MatMul", "encoder.layer.0.intermediate.dense.weight");
        checkTransposed("/encoder/layer.3/output/dense/MatMul", "encoder.layer.3.output.dense.weight");
    }

    /**
     * Finds the node by name in the raw protobuf, takes its second input's initializer as stored ([in, out]) and
     * compares it element by element with the returned [out, in] tensor.
     */
    private static void checkTransposed(final String nodeName, final String hfName) throws IOException {
        final Raw raw = rawInitializerOf(nodeName);
        final NamedTensor t = weights.get(hfName);
        assertEquals(2, raw.dims.length);
        final int in = (int)raw.dims[0];
        final int out = (int)raw.dims[1];
        assertArrayEquals(new long[]{out, in}, t.shape(), hfName);
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                if (raw.values[i * out + j] != t.values()[j * in + i]) {
                    throw new AssertionError(hfName + ": raw (" + i + "," + j + ") != returned (" + j + "," + i + ")");
                }
            }
        }
    }

    private record Raw(long[] dims, float[] values) {
    }

    /** Second inputs of all nodes by node name, and initializers as stored, from one walk of the file. */
    private static Map<String, String> weightInputByNode;

    private static Map<String, long[]> dimsByInitializer;

    private static Map<String, ByteBuffer> dataByInitializer;

    private static Raw rawInitializerOf(final String nodeName) throws IOException {
        if (weightInputByNode == null) {
            walkRaw();
        }
        final String weightName = weightInputByNode.get(nodeName);
        assertNotNull(weightName, "no node " + nodeName);
        assertTrue(weightName.startsWith("onnx::MatMul"), "generated name expected, got " + weightName);
        final ByteBuffer data = dataByInitializer.get(weightName).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        final float[] v = new float[data.remaining() / 4];
        data.asFloatBuffer().get(v);
        return new Raw(dimsByInitializer.get(weightName), v);
    }

    private static void walkRaw() throws IOException {
        weightInputByNode = new HashMap<>();
        dimsByInitializer = new HashMap<>();
        dataByInitializer = new HashMap<>();
        final ProtobufReader model = new ProtobufReader(ByteBuffer.wrap(modelBytes), RESOURCE);
        ProtobufReader graph = null;
        while (model.next()) {
            if (model.fieldNumber() == 7) {
                graph = model.readMessage();
            } else {
                model.skip();
            }
        }
        assertNotNull(graph);
        while (graph.next()) {
            if (graph.fieldNumber() == 1) {
                final ProtobufReader node = graph.readMessage();
                final List<String> inputs = new ArrayList<>();
                String name = null;
                while (node.next()) {
                    if (node.fieldNumber() == 1) {
                        inputs.add(node.readString());
                    } else if (node.fieldNumber() == 3) {
                        name = node.readString();
                    } else {
                        node.skip();
                    }
                }
                if (name != null && inputs.size() > 1) {
                    weightInputByNode.put(name, inputs.get(1));
                }
            } else if (graph.fieldNumber() == 5) {
                final ProtobufReader tensor = graph.readMessage();
                final ProtobufReader.LongList dims = new ProtobufReader.LongList();
                String name = null;
                ByteBuffer data = null;
                while (tensor.next()) {
                    switch (tensor.fieldNumber()) {
                        case 1 -> tensor.readRepeatedVarint(dims);
                        case 8 -> name = tensor.readString();
                        case 9 -> data = tensor.readBytes();
                        default -> tensor.skip();
                    }
                }
                if (data != null) {
                    dimsByInitializer.put(name, dims.toArray());
                    dataByInitializer.put(name, data);
                }
            } else {
                graph.skip();
            }
        }
    }
}
