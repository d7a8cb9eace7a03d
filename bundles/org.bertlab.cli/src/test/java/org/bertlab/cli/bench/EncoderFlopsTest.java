package org.bertlab.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertLayout;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's FLOP count against one derived from the encoder's actual weight shapes: every matrix (rank 2) of
 * the encoder layers costs 2 FLOPs per weight and token; attention adds 2 × n² × hidden for the scores and as much
 * for the context, per layer.
 */
class EncoderFlopsTest {

    @Test
    void countsTwoFlopsPerMatrixWeightAndTokenPlusAttention() {
        final BertConfig config = BertConfig.of(21128, 512, 4, 8, 2048, 512); // bge-small-zh's shape
        long matrixWeights = 0;
        for (final Map.Entry<String, long[]> e : BertLayout.encoder(config).entrySet()) {
            if (e.getKey().startsWith("encoder.") && e.getValue().length == 2) {
                matrixWeights += e.getValue()[0] * e.getValue()[1];
            }
        }
        for (final int n : new int[]{1, 7, 128}) {
            final double expected = 2.0 * matrixWeights * n + 4 * 4.0 * n * n * 512;
            assertEquals(expected, EncoderFlops.of(config).text(n), 1e-9 * expected, n + " tokens");
        }
        // About 26 MFLOP per token at 100 tokens, as docs/performance.md says.
        assertEquals(26e6, EncoderFlops.of(config).text(100) / 100, 1e6);
    }
}
