package org.bertlab.core.corpus;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The structured kinds: flat and nested parentheses (Papadimitriou &amp; Jurafsky 2020, used by Chiang &amp; Lee
 * 2022), flat-2 repetition and shuffle-N runs. Each method fills one sequence of a given, already valid length.
 */
final class StructuredSequences {

    private StructuredSequences() {
    }

    /**
     * Flat parentheses: draw length/2 distinct ids uniformly without replacement, write each twice and shuffle,
     * so each id occurs exactly twice and pairs may cross.
     */
    static int[] flatPairs(SplittableRandom random, int length, int vocabularySize) {
        int pairs = length / 2;
        int[] distinct = distinctIds(random, pairs, vocabularySize);
        int[] ids = new int[length];
        for (int i = 0; i < pairs; i++) {
            ids[2 * i] = distinct[i];
            ids[2 * i + 1] = distinct[i];
        }
        shuffle(random, ids, 0, length);
        return ids;
    }

    /** Flat-2: each id, drawn uniformly with replacement, written twice in a row (a a b b c c). */
    static int[] flatTwo(SplittableRandom random, int length, int vocabularySize) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i += 2) {
            ids[i] = random.nextInt(vocabularySize);
            ids[i + 1] = ids[i];
        }
        return ids;
    }

    /**
     * Nested parentheses: a random well-formed bracket sequence in which every opening draws an id uniformly and
     * its closing repeats it. Where both moves keep the sequence completable within maxDepth, open and close are
     * equally likely; at depth maxDepth only closing is allowed, so the depth is never exceeded.
     */
    static int[] nested(SplittableRandom random, int length, int vocabularySize, int maxDepth) {
        int[] ids = new int[length];
        int[] stack = new int[Math.min(maxDepth, length / 2)];
        int depth = 0;
        int opensLeft = length / 2;
        for (int i = 0; i < length; i++) {
            boolean canOpen = opensLeft > 0 && depth < stack.length;
            boolean canClose = depth > 0;
            boolean open = canOpen && (!canClose || random.nextBoolean());
            if (open) {
                int id = random.nextInt(vocabularySize);
                stack[depth++] = id;
                opensLeft--;
                ids[i] = id;
            } else {
                ids[i] = stack[--depth];
            }
        }
        return ids;
    }

    /**
     * Shuffle-N: length/n runs, each the n consecutive ids start .. start+n-1 from a uniform start in
     * [0, vocabularySize - n], shuffled within the run.
     */
    static int[] shuffledRuns(SplittableRandom random, int length, int vocabularySize, int n) {
        int[] ids = new int[length];
        for (int from = 0; from < length; from += n) {
            int start = random.nextInt(vocabularySize - n + 1);
            for (int j = 0; j < n; j++) {
                ids[from + j] = start + j;
            }
            shuffle(random, ids, from, from + n);
        }
        return ids;
    }

    /** Floyd's algorithm: k distinct ids from [0, bound) in the order they were drawn. */
    private static int[] distinctIds(SplittableRandom random, int k, int bound) {
        BitSet taken = new BitSet(bound);
        int[] chosen = new int[k];
        int next = 0;
        for (int j = bound - k; j < bound; j++) {
            int t = random.nextInt(j + 1);
            int pick = taken.get(t) ? j : t;
            taken.set(pick);
            chosen[next++] = pick;
        }
        return chosen;
    }

    /** Fisher-Yates shuffle of ids[from, to). */
    static void shuffle(SplittableRandom random, int[] ids, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int tmp = ids[i];
            ids[i] = ids[j];
            ids[j] = tmp;
        }
    }
}
