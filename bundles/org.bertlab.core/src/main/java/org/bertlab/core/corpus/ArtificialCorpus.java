package org.bertlab.core.corpus;

import java.util.List;

import org.apache.commons.lang3.Validate;

/**
 * An artificial corpus held in memory: the options that made it and its sequences in generation order. For
 * corpora too large to hold, use {@link CorpusGenerator#stream(CorpusOptions)} directly.
 *
 * @param options the options the corpus was generated from
 * @param sequences the sequences, unmodifiable
 */
public record ArtificialCorpus(CorpusOptions options, List<Sequence> sequences) {

    /** Validates and copies the sequence list. */
    public ArtificialCorpus {
        Validate.notNull(options, "options must not be null");
        sequences = List.copyOf(Validate.notNull(sequences, "sequences must not be null"));
    }

    /**
     * @param options validated options
     * @return the corpus the options define (same options, same corpus)
     */
    public static ArtificialCorpus generate(CorpusOptions options) {
        return new ArtificialCorpus(options, CorpusGenerator.stream(options).toList());
    }

    /** @return the number of sequences */
    public int size() {
        return sequences.size();
    }

    /** @return the total number of tokens over all sequences */
    public long tokenCount() {
        return sequences.stream().mapToLong(Sequence::length).sum();
    }
}
