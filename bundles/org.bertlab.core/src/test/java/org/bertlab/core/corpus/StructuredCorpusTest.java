package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Structural invariants of each kind, checked on thousands of sequences. */
class StructuredCorpusTest {

    private static CorpusOptions.Builder options(CorpusKind kind) {
        CorpusOptions.Builder b = CorpusOptions.builder().kind(kind).count(2000).minLength(9).maxLength(61)
                .vocabularySize(200).seed(7);
        if (kind == CorpusKind.UNIGRAM) {
            b.unigramWeights(ramp(200));
        }
        return b;
    }

    private static double[] ramp(int n) {
        double[] w = new double[n];
        Arrays.setAll(w, i -> i + 1);
        return w;
    }

    @ParameterizedTest
    @EnumSource(CorpusKind.class)
    void lengthsStayInsideTheRangeAndUseTheKindsUnit(CorpusKind kind) {
        CorpusOptions o = options(kind).build();
        Set<Integer> lengths = new HashSet<>();
        CorpusGenerator.stream(o).forEach(s -> {
            assertTrue(s.length() >= 9 && s.length() <= 61, "length " + s.length());
            assertEquals(0, s.length() % o.lengthUnit(), "length " + s.length());
            lengths.add(s.length());
        });
        // every allowed length is reachable: the draw is uniform over the multiples of the unit in range
        int allowed = (o.lastLength() - o.firstLength()) / o.lengthUnit() + 1;
        assertEquals(allowed, lengths.size());
    }

    @ParameterizedTest
    @EnumSource(CorpusKind.class)
    void sameSeedGivesTheSameCorpusAndAnotherSeedAnother(CorpusKind kind) {
        List<Sequence> a = ArtificialCorpus.generate(options(kind).build()).sequences();
        List<Sequence> b = ArtificialCorpus.generate(options(kind).build()).sequences();
        List<Sequence> c = ArtificialCorpus.generate(options(kind).seed(8).build()).sequences();
        assertEquals(2000, a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
        long differing = IntStream.range(0, a.size()).filter(i -> !a.get(i).equals(c.get(i))).count();
        assertTrue(differing > 1900, "only " + differing + " of 2000 sequences differ between seeds");
    }

    @Test
    void streamAndIteratorYieldTheSameSequencesAndStopAtCount() {
        CorpusOptions o = options(CorpusKind.ZIPF).count(50).build();
        Iterator<Sequence> it = new CorpusGenerator(o);
        List<Sequence> streamed = CorpusGenerator.stream(o).toList();
        for (Sequence s : streamed) {
            assertEquals(s, it.next());
        }
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void flatPairsHaveEveryTokenExactlyTwice() {
        CorpusGenerator.stream(options(CorpusKind.FLAT_PAIRS).build()).forEach(s -> {
            Map<Integer, Integer> counts = new HashMap<>();
            for (int id : s.tokenIds()) {
                counts.merge(id, 1, Integer::sum);
            }
            assertEquals(s.length() / 2, counts.size());
            assertTrue(counts.values().stream().allMatch(c -> c == 2), s::toString);
        });
    }

    @Test
    void flatPairsAreShuffledNotAdjacent() {
        // if occurrences were placed side by side, every pair would be adjacent; shuffled, few are
        long adjacent = 0;
        long pairs = 0;
        for (Sequence s : ArtificialCorpus.generate(options(CorpusKind.FLAT_PAIRS).build()).sequences()) {
            int[] ids = s.tokenIds();
            for (int i = 0; i + 1 < ids.length; i++) {
                adjacent += ids[i] == ids[i + 1] ? 1 : 0;
            }
            pairs += ids.length / 2;
        }
        assertTrue(adjacent < 0.2 * pairs, adjacent + " adjacent of " + pairs + " pairs");
    }

    @Test
    void flatTwoRepeatsEachTokenTwiceInARow() {
        CorpusGenerator.stream(options(CorpusKind.FLAT_2).build()).forEach(s -> {
            int[] ids = s.tokenIds();
            for (int i = 0; i < ids.length; i += 2) {
                assertEquals(ids[i], ids[i + 1], s::toString);
            }
        });
    }

    /**
     * Stack check: a token equal to the most recent unclosed one closes it, any other opens. Because deleting
     * adjacent equal pairs is confluent, this greedy reading balances iff some bracketing does, and its stack is
     * never deeper than the generator's. A large vocabulary makes repeated ids rare, so the greedy depth is the
     * generator's and reaching maxDepth exactly is checked too.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void nestedIsBalancedAndNeverDeeperThanMaxDepth(int maxDepth) {
        int[] deepest = {0};
        CorpusGenerator.stream(options(CorpusKind.NESTED).vocabularySize(100_000).maxDepth(maxDepth).build())
                .forEach(s -> {
                    Deque<Integer> stack = new ArrayDeque<>();
                    for (int id : s.tokenIds()) {
                        if (!stack.isEmpty() && stack.peek() == id) {
                            stack.pop();
                        } else {
                            stack.push(id);
                            assertTrue(stack.size() <= maxDepth, () -> "deeper than " + maxDepth + ": " + s);
                            deepest[0] = Math.max(deepest[0], stack.size());
                        }
                    }
                    assertTrue(stack.isEmpty(), () -> "unbalanced: " + s);
                });
        assertEquals(maxDepth, deepest[0], "maxDepth is reached");
    }

    @Test
    void nestedWithSmallVocabularyStillBalances() {
        CorpusGenerator.stream(options(CorpusKind.NESTED).vocabularySize(2).maxDepth(3).build()).forEach(s -> {
            Deque<Integer> stack = new ArrayDeque<>();
            for (int id : s.tokenIds()) {
                if (!stack.isEmpty() && stack.peek() == id) {
                    stack.pop();
                } else {
                    stack.push(id);
                    assertTrue(stack.size() <= 3, s::toString);
                }
            }
            assertTrue(stack.isEmpty(), s::toString);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 7})
    void shuffleRunsArePermutationsOfConsecutiveIntegers(int n) {
        long[] sortedRuns = {0, 0};
        CorpusGenerator.stream(options(CorpusKind.SHUFFLE).shuffleN(n).minLength(n).maxLength(60).build())
                .forEach(s -> {
                    int[] ids = s.tokenIds();
                    for (int from = 0; from < ids.length; from += n) {
                        int[] window = Arrays.copyOfRange(ids, from, from + n);
                        int[] sorted = window.clone();
                        Arrays.sort(sorted);
                        for (int j = 0; j < n; j++) {
                            assertEquals(sorted[0] + j, sorted[j], () -> "window not consecutive in " + s);
                        }
                        assertTrue(sorted[0] >= 0 && sorted[n - 1] < 200);
                        sortedRuns[0] += Arrays.equals(window, sorted) ? 1 : 0;
                        sortedRuns[1]++;
                    }
                });
        // a uniformly shuffled run is already in order with probability 1/n!
        double expected = 1.0 / factorial(n);
        double observed = (double) sortedRuns[0] / sortedRuns[1];
        assertEquals(expected, observed, 0.02 + expected * 0.2);
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    @Test
    void integerTokensAreTheDecimalIds() {
        Sequence s = Sequence.ofIds(3, 17, 0);
        assertEquals(List.of("3", "17", "0"), s.tokens());
        assertArrayEquals(new int[] {3, 17, 0}, s.tokenIds());
        assertTrue(s.label().isEmpty());
    }
}
