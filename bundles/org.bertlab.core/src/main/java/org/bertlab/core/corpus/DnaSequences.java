package org.bertlab.core.corpus;

import java.util.SplittableRandom;

/**
 * DNA-like sequences with a planted-motif classification task, in the spirit of the artificial genomics
 * benchmarks used to probe cross-discipline transfer (Chiang &amp; Lee 2022 study transfer from artificial data;
 * motif planting is the standard synthetic promoter task).
 *
 * <p>Every sequence starts as a uniform A/C/G/T background from which the motif has been removed: whenever a
 * drawn letter would complete the motif, it is redrawn among the other three letters (which cannot complete it).
 * A label 1 sequence then gets the motif written over the background at a uniform position; a label 0 sequence
 * is left as it is. So the motif occurs iff the label is 1, and both classes share the same background.
 */
final class DnaSequences {

    private DnaSequences() {
    }

    static int[] generate(SplittableRandom random, int length, int[] motif, boolean positive) {
        int[] ids = new int[length];
        int m = motif.length;
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(4);
            if (i >= m - 1 && endsWithMotif(ids, i, motif)) {
                // redraw among the three other letters: the motif can no longer end here
                ids[i] = (ids[i] + 1 + random.nextInt(3)) % 4;
            }
        }
        if (positive) {
            int at = random.nextInt(length - m + 1);
            System.arraycopy(motif, 0, ids, at, m);
        }
        return ids;
    }

    private static boolean endsWithMotif(int[] ids, int end, int[] motif) {
        int start = end - motif.length + 1;
        for (int j = 0; j < motif.length; j++) {
            if (ids[start + j] != motif[j]) {
                return false;
            }
        }
        return true;
    }

    /** @return the motif letters as token ids */
    static int[] ids(String motif) {
        int[] ids = new int[motif.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = TokenAlphabet.dnaId(motif.charAt(i));
        }
        return ids;
    }
}
