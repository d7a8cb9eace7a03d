package org.bertlab.core.corpus;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The entropy, in nats, of the token frequencies of a set of sequences: the cross-entropy that the best unigram model
 * of exactly these sequences (each token id with its relative frequency there) reaches on them. A masked-LM loss on
 * the same sequences (natural log, averaged over predicted tokens) that is well below this number shows that the model
 * uses context, i.e. learned more than unigram statistics; one near it learned only token frequencies.
 */
public final class UnigramEntropy {

    private UnigramEntropy() {
    }

    /**
     * @param sequences the sequences (every token counts once per occurrence)
     * @return -sum over token ids of p log p with p = count / total, in nats; 0 for no tokens
     */
    public static double nats(final Collection<Sequence> sequences) {
        final Map<Integer, Long> counts = new HashMap<>();
        long total = 0;
        for (final Sequence sequence : sequences) {
            for (final int id : sequence.tokenIds()) {
                counts.merge(id, 1L, Long::sum);
                total++;
            }
        }
        double entropy = 0;
        for (final long count : counts.values()) {
            final double p = (double)count / total;
            entropy -= p * Math.log(p);
        }
        return entropy;
    }
}
