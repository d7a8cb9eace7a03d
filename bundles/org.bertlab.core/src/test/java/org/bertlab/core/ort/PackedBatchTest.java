package org.bertlab.core.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.bertlab.core.encoder.TokenBatch;
import org.junit.jupiter.api.Test;

/** Packing a padded batch, checked by hand on two texts of 3 and 2 tokens padded to 3. */
class PackedBatchTest {

    @Test
    void realTokensArePackedAndBothIndexMapsPointAtEachOther() {
        final TokenBatch.Padded padded = new TokenBatch.Padded(2, 3,
            new long[]{101, 7, 102, 101, 102, 0},
            new long[]{0, 0, 0, 0, 1, 0},
            new long[]{1, 1, 1, 1, 1, 0});
        final PackedBatch packed = PackedBatch.of(padded);
        assertArrayEquals(new long[]{101, 7, 102, 101, 102}, packed.inputIds());
        assertArrayEquals(new long[]{0, 0, 0, 0, 1}, packed.typeIds());
        assertArrayEquals(new long[]{0, 1, 2, 0, 1}, packed.positions());
        assertArrayEquals(new long[]{0, 1, 2, 3, 4}, packed.packIndex());
        // The padding cell (text 1, position 2) points at text 1's first token, row 3.
        assertArrayEquals(new long[]{0, 1, 2, 3, 4, 3}, packed.padIndex());
        assertArrayEquals(new int[]{1, 1, 1, 1, 1, 0}, packed.mask());
        assertArrayEquals(new int[]{0, 3}, packed.firstRows());
    }
}
