package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.train.AnswerMetrics.Scheme;
import org.junit.jupiter.api.Test;

/**
 * The answer metrics against values worked out by hand from the official SQuAD v1.1 script (normalize_answer,
 * f1_score, exact_match_score, metric_max_over_ground_truths) and MLQA's Chinese scheme; each value was also
 * printed by those Python functions.
 */
class AnswerMetricsTest {

    @Test
    void normalisationDeletesAsciiPunctuationRatherThanSpacingIt() {
        assertEquals("dont", AnswerMetrics.normalise("don't"));
        assertEquals("us", AnswerMetrics.normalise("U.S."));
        assertEquals("ab", AnswerMetrics.normalise("a-b"), "'a-b' is one word 'ab', so no article is left to drop");
        assertEquals("annes", AnswerMetrics.normalise("Anne's"));
        assertEquals("500", AnswerMetrics.normalise("$5.00"));
        assertEquals("cat", AnswerMetrics.normalise("The Cat!"));
        assertEquals("quick brown fox", AnswerMetrics.normalise(" The  quick\tbrown fox. "));
    }

    @Test
    void articlesGoOnlyAsWholeWordsWithUnicodeWordBoundaries() {
        assertEquals("answer is apple", AnswerMetrics.normalise("the answer is an apple"));
        assertEquals("theory", AnswerMetrics.normalise("theory"));
        assertEquals("", AnswerMetrics.normalise("An"));
        assertEquals("café", AnswerMetrics.normalise("café a"));
        // Python 3's \b treats é as a word character: the 'a' after it is not a word of its own.
        assertEquals("éa b", AnswerMetrics.normalise("éa b"));
    }

    @Test
    void whiteSpaceIsPythonsAndOnlyAsciiPunctuationGoesInVersionOnePointOne() {
        assertEquals("new york", AnswerMetrics.normalise("new\u00a0york"));
        assertEquals("\u201ccat\u201d", AnswerMetrics.normalise("\u201ccat\u201d"));
    }

    @Test
    void tokenF1AndExactMatchAsTheScriptComputesThem() {
        assertEquals(1.0, AnswerMetrics.f1("U.S.", "US"), 1e-12);
        assertTrue(AnswerMetrics.exactMatch("U.S.", "US"));
        // [big, red, cat] against [red, cat]: precision 2/3, recall 1.
        assertEquals(0.8, AnswerMetrics.f1("the big red cat", "a red cat"), 1e-12);
        // Counter intersection: the second 'cat' is not matched again.
        assertEquals(2.0 / 3, AnswerMetrics.f1("cat cat", "cat"), 1e-12);
        // v1.1: nothing in common (even two empty answers) is F1 0, while exact match compares the empty strings.
        assertEquals(0.0, AnswerMetrics.f1("", ""), 0);
        assertEquals(0.0, AnswerMetrics.f1("the", "a"), 0);
        assertTrue(AnswerMetrics.exactMatch("the", "a"));
        assertFalse(AnswerMetrics.exactMatch("red cat", "cat"));
    }

    @Test
    void theBestGoldAnswerCounts() {
        assertEquals(1.0, AnswerMetrics.f1("red cat", List.of("dog", "the red cat", "cat"), Scheme.SQUAD_V11), 1e-12);
        assertEquals(1.0, AnswerMetrics.exactMatch("red cat", List.of("dog", "the red cat"), Scheme.SQUAD_V11));
        assertEquals(2.0 / 3, AnswerMetrics.f1("red cat", List.of("dog", "cat"), Scheme.SQUAD_V11), 1e-12);
        assertEquals(0.0, AnswerMetrics.exactMatch("red cat", List.of("dog", "cat"), Scheme.SQUAD_V11));
    }

    @Test
    void chineseIsScoredCharacterByCharacter() {
        assertEquals(List.of("一", "九", "九", "零", "年"), AnswerMetrics.tokens("一九九零年。", Scheme.CHINESE_CHARACTERS));
        assertEquals(List.of("bert", "模", "型"), AnswerMetrics.tokens("BERT模型", Scheme.CHINESE_CHARACTERS));
        assertEquals("猫 狗", AnswerMetrics.normalise("\u201c猫\u201d，狗", Scheme.CHINESE_CHARACTERS));
        assertEquals(0.8, AnswerMetrics.f1("台北市", List.of("台北"), Scheme.CHINESE_CHARACTERS), 1e-12);
        // [1990, 年] against [1990]; with white-space tokens the same pair shares nothing.
        assertEquals(2.0 / 3, AnswerMetrics.f1("1990年", List.of("1990"), Scheme.CHINESE_CHARACTERS), 1e-12);
        assertEquals(0.0, AnswerMetrics.f1("1990年", "1990"), 0);
        assertEquals(1.0, AnswerMetrics.exactMatch("台北。", List.of("台北"), Scheme.CHINESE_CHARACTERS));
        // MLQA drops no articles in Chinese text.
        assertEquals(2.0 / 3, AnswerMetrics.f1("The dog", List.of("dog"), Scheme.CHINESE_CHARACTERS), 1e-12);
    }

    @Test
    void theSchemeFollowsTheContext() {
        assertEquals(Scheme.CHINESE_CHARACTERS, Scheme.forContext("我住在台北。"));
        assertEquals(Scheme.SQUAD_V11, Scheme.forContext("I live in Taipei."));
        assertEquals(Scheme.SQUAD_V11, Scheme.forContext(null));
    }
}
