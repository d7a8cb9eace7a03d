package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Unigram entropy in nats against values worked out by hand. */
class UnigramEntropyTest {

    @Test
    void entropyOfTheTokenFrequenciesAcrossSequences() {
        // ids 0, 0, 1, 2 | 0, 1: counts 3, 2, 1 of 6, p = 1/2, 1/3, 1/6;
        // H = 1/2 ln 2 + 1/3 ln 3 + 1/6 ln 6 = 0.346574 + 0.366204 + 0.298627 = 1.011404 nats
        assertEquals(1.011404, UnigramEntropy.nats(List.of(Sequence.ofIds(0, 0, 1, 2), Sequence.ofIds(0, 1))), 1e-6);
    }

    @Test
    void evenlySpreadIdsGiveTheLogOfTheirNumber() {
        // four ids twice each: p = 1/4 each, H = ln 4 = 1.386294, the loss of guessing among four
        assertEquals(1.386294, UnigramEntropy.nats(List.of(Sequence.ofIds(3, 7, 7, 3), Sequence.ofIds(9, 60, 9, 60))),
            1e-6);
    }

    @Test
    void oneRepeatedIdOrNoTokensGiveZero() {
        assertEquals(0.0, UnigramEntropy.nats(List.of(Sequence.ofIds(5, 5, 5))), 0.0);
        assertEquals(0.0, UnigramEntropy.nats(List.of()), 0.0);
    }
}
