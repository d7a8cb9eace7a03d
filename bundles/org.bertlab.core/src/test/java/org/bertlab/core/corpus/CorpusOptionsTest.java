package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CorpusOptionsTest {

    @Test
    void defaultsAreValidAndDocumented() {
        CorpusOptions o = CorpusOptions.builder().build();
        assertEquals(CorpusKind.UNIFORM, o.kind());
        assertEquals(500, o.vocabularySize());
        assertEquals(1.0, o.zipfExponent());
        assertEquals(4, o.shuffleN());
        assertEquals("TATAAA", o.dnaMotif());
        assertEquals(o, o.toBuilder().build());
    }

    @ParameterizedTest
    @EnumSource(CorpusKind.class)
    void everyKindIsFoundByItsCommandLineName(CorpusKind kind) {
        assertEquals(kind, CorpusKind.fromCommandLineName(kind.commandLineName()));
        assertEquals(kind, CorpusKind.fromCommandLineName(" " + kind.commandLineName().toUpperCase() + " "));
    }

    @Test
    void unknownKindNameListsTheAllowedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusKind.fromCommandLineName("brackets"));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        assertTrue(e.getMessage().contains("flat-pairs, flat-2, nested"), e.getMessage());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                bad("vocabularySize must be in [2, 1000000] but was 1", b -> b.vocabularySize(1)),
                bad("count must be in [1,", b -> b.count(0)),
                bad("minLength must be in [1, 1000000] but was 0", b -> b.minLength(0)),
                bad("maxLength must be in [minLength=32, 1000000] but was 10", b -> b.maxLength(10)),
                bad("zipfExponent must be in (0, 10.0] but was -1.0", b -> b.zipfExponent(-1)),
                bad("zipfExponent must be in (0, 10.0] but was NaN", b -> b.zipfExponent(Double.NaN)),
                bad("shuffleN must be in [2, 1000000] but was 1", b -> b.shuffleN(1)),
                bad("shuffleN must be in [2, vocabularySize=8] for shuffle sequences but was 10",
                        b -> b.kind(CorpusKind.SHUFFLE).vocabularySize(8).shuffleN(10)),
                bad("maxDepth must be in [1,", b -> b.maxDepth(0)),
                bad("dnaMotif must be a non-empty string over A, C, G, T but was 'TAXA'", b -> b.dnaMotif("taxa")),
                bad("dnaMotif length must be in [1, minLength=4] but was 6",
                        b -> b.kind(CorpusKind.DNA).minLength(4).maxLength(10)),
                bad("unigramWeights must be given", b -> b.kind(CorpusKind.UNIGRAM)),
                bad("unigramWeights must have vocabularySize=500 entries but has 2",
                        b -> b.kind(CorpusKind.UNIGRAM).unigramWeights(1, 2)),
                bad("unigramWeights[1] must be a finite number >= 0 but was -2.0",
                        b -> b.kind(CorpusKind.UNIGRAM).vocabularySize(2).unigramWeights(1, -2)),
                bad("unigramWeights must have a positive sum",
                        b -> b.kind(CorpusKind.UNIGRAM).vocabularySize(2).unigramWeights(0, 0)),
                bad("minLength..maxLength [5, 5] must contain a multiple of 2, the length unit of nested",
                        b -> b.kind(CorpusKind.NESTED).length(5)),
                bad("minLength..maxLength [5, 7] must contain a multiple of 4, the length unit of shuffle",
                        b -> b.kind(CorpusKind.SHUFFLE).minLength(5).maxLength(7)),
                bad("vocabularySize must be at least 64 for flat-pairs sequences of up to 128 tokens",
                        b -> b.kind(CorpusKind.FLAT_PAIRS).vocabularySize(10)));
    }

    private static Arguments bad(String message, UnaryOperator<CorpusOptions.Builder> change) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsAreRejectedWithAMessageNamingTheOptionAndRange(String message,
            UnaryOperator<CorpusOptions.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(CorpusOptions.builder()).build());
        assertTrue(e.getMessage().startsWith(message), () -> "expected '" + message + "' but got: " + e.getMessage());
    }

    @Test
    void unigramWeightsAreCopied() {
        double[] weights = {1, 2, 3};
        CorpusOptions o = CorpusOptions.builder().kind(CorpusKind.UNIGRAM).vocabularySize(3)
                .unigramWeights(weights).build();
        weights[0] = 100;
        assertEquals(1, o.unigramWeights()[0]);
    }
}
