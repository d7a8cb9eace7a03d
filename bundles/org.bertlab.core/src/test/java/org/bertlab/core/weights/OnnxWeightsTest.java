package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX models built byte by byte with {@link ProtoBytes}: naming, transposition, dropping, and refusals. */
class OnnxWeightsTest {

    @TempDir
    Path dir;

    private Path write(final String name, final byte[] bytes) throws IOException {
        final Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    /** A graph shaped like an optimum BERT export, in miniature. */
    private static byte[] miniBert() {
        final ProtoBytes graph = new ProtoBytes()
            .message(1, ProtoBytes.node("/encoder/layer.0/attention/self/query/MatMul", "MatMul", "x",
                "onnx::MatMul_7"))
            .message(1, ProtoBytes.node("/encoder/layer.0/attention/self/query/Add", "Add", "q",
                "encoder.layer.0.attention.self.query.bias"))
            .message(1, ProtoBytes.node("/pooler/dense/Gemm", "Gemm", "cls", "onnx::Gemm_9", "onnx::Gemm_10")
                .message(5, new ProtoBytes().string(1, "transB").varint(3, 1).varint(20, 2)))
            .string(2, "main_graph")
            // Module-named embedding table, its values in float_data (packed) instead of raw_data.
            .message(5, new ProtoBytes().packedVarints(1, 3, 2).varint(2, 1).bytes(4,
                ProtoBytes.floatsLE(1, 2, 3, 4, 5, 6)).string(8, "embeddings.word_embeddings.weight"))
            // MatMul weight stored [in=2, out=3], dims not packed.
            .message(5, new ProtoBytes().varint(1, 2).varint(1, 3).varint(2, 1).string(8, "onnx::MatMul_7")
                .bytes(9, ProtoBytes.floatsLE(0, 1, 2, 10, 11, 12)))
            .message(5, ProtoBytes.floatTensor("encoder.layer.0.attention.self.query.bias", new long[]{3}, 7, 8, 9))
            // Gemm with transB = 1 is already [out, in]; its bias has a generated name.
            .message(5, ProtoBytes.floatTensor("onnx::Gemm_9", new long[]{1, 2}, 0.5f, -0.5f))
            .message(5, ProtoBytes.floatTensor("onnx::Gemm_10", new long[]{1}, 0.25f))
            // Dropped: an int64 shape constant, a scalar, a generated constant nobody uses as a weight.
            .message(5, new ProtoBytes().packedVarints(1, 1).varint(2, 7).string(8, "onnx::Reshape_3")
                .bytes(9, new byte[8]))
            .message(5, new ProtoBytes().varint(2, 1).string(8, "/encoder/layer.0/attention/self/Constant_output_0")
                .bytes(9, ProtoBytes.floatsLE(8))).message(5, ProtoBytes.floatTensor("onnx::Add_11", new long[]{1}, 3))
            // Half precision raw data: 1.0, -2.5.
            .message(5, new ProtoBytes().packedVarints(1, 2).varint(2, 10).string(8, "embeddings.LayerNorm.weight")
                .bytes(9, new byte[]{0x00, 0x3C, 0x00, (byte)0xC1}))
            .message(11, new ProtoBytes().string(1, "input_ids"))
            .message(12, new ProtoBytes().string(1, "last_hidden_state"));
        return ProtoBytes.model(graph);
    }

    @Test
    void namesTransposesAndDropsLikeAnOptimumExport() throws IOException {
        final Path f = write("mini.onnx", miniBert());
        final Map<String, NamedTensor> t = OnnxWeights.read(f);
        assertEquals(List.of("embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight",
            "encoder.layer.0.attention.self.query.bias", "pooler.dense.weight", "pooler.dense.bias",
            "embeddings.LayerNorm.weight"), List.copyOf(t.keySet()));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, t.get("embeddings.word_embeddings.weight").values());
        final NamedTensor q = t.get("encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[]{3, 2}, q.shape());
        assertArrayEquals(new float[]{0, 10, 1, 11, 2, 12}, q.values());
        assertArrayEquals(new long[]{1, 2}, t.get("pooler.dense.weight").shape());
        assertArrayEquals(new float[]{0.5f, -0.5f}, t.get("pooler.dense.weight").values());
        assertArrayEquals(new float[]{0.25f}, t.get("pooler.dense.bias").values());
        assertArrayEquals(new float[]{1.0f, -2.5f}, t.get("embeddings.LayerNorm.weight").values());
        OnnxWeights.requireBert(t, f.toString());

        final Map<String, NamedTensor> fromStream = OnnxWeights.read(new ByteArrayInputStream(miniBert()), "mini");
        assertEquals(t, fromStream);
    }

    @Test
    void modulePathFollowsTheNodeName() {
        assertEquals("encoder.layer.0.attention.self.query",
            OnnxWeights.modulePath("/encoder/layer.0/attention/self/query/MatMul", "MatMul"));
        assertEquals("bert.encoder.layer.11.output.dense",
            OnnxWeights.modulePath("/bert/encoder/layer.11/output/dense/MatMul_1", "MatMul"));
        assertEquals(null, OnnxWeights.modulePath("MatMul_12", "MatMul"));
        assertEquals(null, OnnxWeights.modulePath("/encoder/layer.0/Add", "MatMul"));
    }

    @Test
    void bertPrefixIsAccepted() {
        final NamedTensor one = new NamedTensor("x", new long[]{1}, new float[]{1});
        assertDoesNotThrow(() -> OnnxWeights.requireBert(Map.of("bert.embeddings.word_embeddings.weight",
            one.withName("a"), "bert.encoder.layer.0.attention.self.query.weight", one.withName("b")), "m.onnx"));
    }

    @Test
    void notBertIsRefusedWithWhatWasFound() throws IOException {
        final byte[] model = ProtoBytes.model(new ProtoBytes()
            .message(5, ProtoBytes.floatTensor("foo", new long[]{2}, 1, 2)));
        final Path f = write("foo.onnx", model);
        final Map<String, NamedTensor> t = OnnxWeights.read(f);
        assertEquals(List.of("foo"), List.copyOf(t.keySet()));
        final WeightFormatException e =
            assertThrows(WeightFormatException.class, () -> OnnxWeights.requireBert(t, f.toString()));
        assertTrue(e.getMessage().startsWith(f + ": not a BERT export: no tensor named "
            + "embeddings.word_embeddings.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("foo"), e.getMessage());
    }

    @Test
    void embeddingsWithoutLayersAreRefused() {
        final NamedTensor one = new NamedTensor("embeddings.word_embeddings.weight", new long[]{1}, new float[]{1});
        final WeightFormatException e = assertThrows(WeightFormatException.class,
            () -> OnnxWeights.requireBert(Map.of(one.name(), one), "emb.onnx"));
        assertTrue(e.getMessage().contains("encoder.layer.0.attention.self.query.weight"), e.getMessage());
    }

    @Test
    void truncatedModelIsRefused() throws IOException {
        final byte[] full = miniBert();
        final Path f = write("truncated.onnx", Arrays.copyOf(full, full.length / 2));
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> OnnxWeights.read(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("runs past the end"),
            e.getMessage());
    }

    @Test
    void garbageIsRefused() throws IOException {
        final Path f = write("garbage.onnx", "this is not an ONNX model\n".getBytes(StandardCharsets.UTF_8));
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> OnnxWeights.read(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("not an ONNX model"),
            e.getMessage());
    }

    @Test
    void emptyAndGraphlessFilesAreRefused() throws IOException {
        final Path empty = write("empty.onnx", new byte[0]);
        final WeightFormatException e1 = assertThrows(WeightFormatException.class, () -> OnnxWeights.read(empty));
        assertTrue(e1.getMessage().equals(empty + ": is empty; expected an ONNX model"), e1.getMessage());
        final Path graphless = write("graphless.onnx", new ProtoBytes().varint(1, 8).toByteArray());
        final WeightFormatException e2 =
            assertThrows(WeightFormatException.class, () -> OnnxWeights.read(graphless));
        assertTrue(e2.getMessage().startsWith(graphless + ": holds no graph"), e2.getMessage());
    }

    @Test
    void externalDataIsRefused() throws IOException {
        final byte[] model = ProtoBytes.model(new ProtoBytes().message(5, new ProtoBytes().packedVarints(1, 2)
            .varint(2, 1).string(8, "embeddings.word_embeddings.weight")
            .message(13, new ProtoBytes().string(1, "location").string(2, "model.onnx_data")).varint(14, 1)));
        final Path f = write("external.onnx", model);
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> OnnxWeights.read(f));
        assertTrue(e.getMessage().startsWith(f + ": initializer \"embeddings.word_embeddings.weight\"")
            && e.getMessage().contains("external file"), e.getMessage());
    }

    @Test
    void rawDataOfWrongSizeIsRefused() throws IOException {
        final byte[] model = ProtoBytes.model(new ProtoBytes().message(5, new ProtoBytes().packedVarints(1, 3)
            .varint(2, 1).string(8, "w").bytes(9, ProtoBytes.floatsLE(1, 2))));
        final Path f = write("short.onnx", model);
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> OnnxWeights.read(f));
        assertTrue(e.getMessage().contains("\"w\"") && e.getMessage().contains("8 bytes"), e.getMessage());
    }
}
