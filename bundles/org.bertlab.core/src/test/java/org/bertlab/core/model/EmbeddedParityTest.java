package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

import org.bertlab.core.encoder.EncoderOutput;
import org.bertlab.core.ort.OrtInference;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * The engine's BERT must compute what the exported model computes: the same .onnx weights run by ONNX Runtime, an
 * independent implementation, give the reference last hidden state.
 */
class EmbeddedParityTest {

    @Test
    void lastHiddenStateMatchesOnnxRuntimeOnAPaddedBatch() throws Exception {
        final BertModel model = TestModels.embedded();
        final List<String> sentences = TestModels.mixedSentences();
        final List<TokenizedText> encoded = model.tokenizer().encodeAll(sentences);
        final int batch = encoded.size();
        final int length = encoded.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        assertTrue(encoded.stream().anyMatch(t -> t.length() < length), "the batch must contain padding");

        final long[] ids = new long[batch * length];
        final long[] types = new long[batch * length];
        final long[] mask = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            final TokenizedText t = encoded.get(b);
            System.arraycopy(t.ids(), 0, ids, b * length, t.length());
            for (int i = 0; i < t.length(); i++) {
                mask[b * length + i] = 1;
            }
        }
        final float[][][] reference = runOnnxRuntime(ids, types, mask, batch, length);

        try (NDManager m = model.newBatchManager()) {
            final EncoderOutput out = TestModels.encode(model, m, encoded, model.config().numLayers());
            assertEquals(model.config().numLayers() + 1, out.hiddenStates().size());
            final float[] ours = out.last().toFloatArray();
            final int hidden = model.config().hiddenSize();
            double maxDiff = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < encoded.get(b).length(); i++) {
                    for (int h = 0; h < hidden; h++) {
                        final double d = Math.abs(ours[(b * length + i) * hidden + h] - reference[b][i][h]);
                        maxDiff = Math.max(maxDiff, d);
                    }
                }
            }
            assertTrue(maxDiff < 1e-4, "max abs difference to ONNX Runtime: " + maxDiff);
        }
    }

    private static float[][][] runOnnxRuntime(final long[] ids, final long[] types, final long[] mask,
        final int batch, final int length) throws Exception {
        final OrtEnvironment env = OrtInference.environment();
        final byte[] onnx;
        try (InputStream in = EmbeddedParityTest.class.getResourceAsStream(EmbeddedModel.ONNX_RESOURCE)) {
            onnx = in.readAllBytes();
        }
        final long[] shape = {batch, length};
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
                OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape)) {
            final Map<String, OnnxTensor> inputs = new java.util.HashMap<>();
            for (final String name : session.getInputNames()) {
                inputs.put(name, name.contains("type") ? t : name.contains("mask") ? a : i);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][][])result.get(0).getValue();
            }
        }
    }
}
