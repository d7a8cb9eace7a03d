package org.bertlab.core.corpus;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.lang3.Validate;

/**
 * Streams the sequences of an artificial corpus (Chiang &amp; Lee 2020, 2022) one at a time, so a corpus of
 * millions of sequences is never held in memory.
 *
 * <p>Reproducibility: all randomness comes from one {@link SplittableRandom} seeded with
 * {@link CorpusOptions#seed()} and consumed in a fixed order (length, then tokens, sequence by sequence), so
 * the same options give the same corpus on any machine and JVM. The stream is sequential by construction.
 *
 * <p>DNA labels are balanced exactly: sequences 2j and 2j+1 get labels 1 and 0 in a random order, so an even
 * count has as many positives as negatives and an odd count differs by one.
 */
public final class CorpusGenerator implements Iterator<Sequence> {

    private final CorpusOptions options;
    private final SplittableRandom random;
    private final DiscreteSampler sampler;
    private final int[] motif;
    private int produced;
    private boolean firstOfPairPositive;

    /** @param options validated options */
    public CorpusGenerator(CorpusOptions options) {
        this.options = Validate.notNull(options, "options must not be null");
        random = new SplittableRandom(options.seed());
        sampler = switch (options.kind()) {
            case ZIPF -> DiscreteSampler.zipf(options.vocabularySize(), options.zipfExponent());
            case UNIGRAM -> DiscreteSampler.ofWeights(options.unigramWeights());
            default -> null;
        };
        motif = DnaSequences.ids(options.dnaMotif());
    }

    /**
     * @param options validated options
     * @return the corpus as a sequential stream of {@link CorpusOptions#count()} sequences
     */
    public static Stream<Sequence> stream(CorpusOptions options) {
        CorpusGenerator generator = new CorpusGenerator(options);
        return StreamSupport.stream(Spliterators.spliterator(generator, options.count(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** @return the options this generator draws from */
    public CorpusOptions options() {
        return options;
    }

    @Override
    public boolean hasNext() {
        return produced < options.count();
    }

    @Override
    public Sequence next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + options.count() + " sequences were generated");
        }
        int length = drawLength();
        Sequence sequence = options.kind() == CorpusKind.DNA ? nextDna(length)
                : Sequence.ofIds(drawIds(length));
        produced++;
        return sequence;
    }

    private int drawLength() {
        int unit = options.lengthUnit();
        int first = options.firstLength() / unit;
        int last = options.lastLength() / unit;
        return unit * (first + random.nextInt(last - first + 1));
    }

    private int[] drawIds(int length) {
        int v = options.vocabularySize();
        return switch (options.kind()) {
            case UNIFORM, ZIPF, UNIGRAM -> independent(length);
            case FLAT_PAIRS -> StructuredSequences.flatPairs(random, length, v);
            case FLAT_2 -> StructuredSequences.flatTwo(random, length, v);
            case NESTED -> StructuredSequences.nested(random, length, v, options.maxDepth());
            case SHUFFLE -> StructuredSequences.shuffledRuns(random, length, v, options.shuffleN());
            case DNA -> throw new IllegalStateException("dna sequences are drawn by nextDna");
        };
    }

    private int[] independent(int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            // a plain loop rather than random.ints(): its spliterator may split the generator
            ids[i] = sampler == null ? random.nextInt(options.vocabularySize()) : sampler.sample(random);
        }
        return ids;
    }

    private Sequence nextDna(int length) {
        boolean positive;
        if (produced % 2 == 0) {
            firstOfPairPositive = random.nextBoolean();
            positive = firstOfPairPositive;
        } else {
            positive = !firstOfPairPositive;
        }
        int[] ids = DnaSequences.generate(random, length, motif, positive);
        return new Sequence(ids, TokenAlphabet.DNA, OptionalInt.of(positive ? 1 : 0));
    }
}
