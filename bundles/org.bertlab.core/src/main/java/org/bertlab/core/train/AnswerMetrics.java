package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.bertlab.core.tokenize.Punctuation;

/**
 * Extractive QA answer metrics, exact match and token F1, maximised over the gold answers of a question.
 * <p>
 * English (and every language written with spaces) is scored exactly as the official SQuAD v1.1 evaluation script
 * (evaluate-v1.1.py, Rajpurkar et al. 2016) does: lower-case, delete the ASCII punctuation characters of Python's
 * {@code string.punctuation}, replace the words a/an/the by a space, collapse white space; tokens are the
 * white-space separated words; F1 is the harmonic mean of precision and recall of the common tokens (a multiset
 * intersection), 0 when nothing is shared (so an empty prediction against an empty answer scores F1 0 but exact
 * match 1, as in v1.1).
 * <p>
 * Chinese has no spaces, so white-space tokens would make F1 an exact match of whole phrases. Chinese answers are
 * scored as the MLQA evaluation script does for {@code zh} (Lewis et al. 2020, the cross-lingual extension of the
 * SQuAD script; DRCD and CMRC 2018 results are likewise reported with character-level F1): lower-case, delete every
 * Unicode punctuation character (category P) and the ASCII punctuation, no article removal, and every CJK
 * character (U+4E00..U+9FA5) is a token of its own while other runs are split at white space. Which scheme an
 * example gets follows its context: {@link Scheme#forContext(String)}.
 */
public final class AnswerMetrics {

    /** How answers are normalised and split into tokens. */
    public enum Scheme {
        /** The official SQuAD v1.1 script. */
        SQUAD_V11,
        /** MLQA's Chinese scheme: Unicode punctuation deleted, one token per CJK character. */
        CHINESE_CHARACTERS;

        /** Chinese characters when the context holds any CJK character, else SQuAD v1.1. */
        public static Scheme forContext(final String context) {
            return context != null && context.codePoints().anyMatch(AnswerMetrics::isCjk) ? CHINESE_CHARACTERS
                : SQUAD_V11;
        }
    }

    /** Python's string.punctuation. */
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** Python 3's re module matches \b on Unicode word characters; Java needs the flag to do the same. */
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private AnswerMetrics() {
    }

    /** The official SQuAD v1.1 normalisation ({@code normalize_answer}). */
    public static String normalise(final String text) {
        return normalise(text, Scheme.SQUAD_V11);
    }

    public static String normalise(final String text, final Scheme scheme) {
        return String.join(" ", tokens(text, scheme));
    }

    /** The tokens F1 counts: the normalised answer split as the scheme says. */
    public static List<String> tokens(final String text, final Scheme scheme) {
        final String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        final StringBuilder kept = new StringBuilder(lower.length());
        lower.codePoints().filter(cp -> !isPunctuation(cp, scheme)).forEach(kept::appendCodePoint);
        if (scheme == Scheme.SQUAD_V11) {
            return splitWhitespace(ARTICLES.matcher(kept).replaceAll(" "));
        }
        final List<String> tokens = new ArrayList<>();
        final StringBuilder run = new StringBuilder();
        kept.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                tokens.addAll(splitWhitespace(run.toString()));
                run.setLength(0);
                tokens.add(new String(Character.toChars(cp)));
            } else {
                run.appendCodePoint(cp);
            }
        });
        tokens.addAll(splitWhitespace(run.toString()));
        return tokens;
    }

    /** SQuAD v1.1 exact match of one prediction against one answer. */
    public static boolean exactMatch(final String predicted, final String gold) {
        return normalise(predicted).equals(normalise(gold));
    }

    /** SQuAD v1.1 token F1 of one prediction against one answer. */
    public static double f1(final String predicted, final String gold) {
        return f1(tokens(predicted, Scheme.SQUAD_V11), tokens(gold, Scheme.SQUAD_V11));
    }

    /** Exact match (1 or 0), the best over the gold answers ({@code metric_max_over_ground_truths}). */
    public static double exactMatch(final String predicted, final Collection<String> golds, final Scheme scheme) {
        final String p = normalise(predicted, scheme);
        return golds.stream().anyMatch(g -> p.equals(normalise(g, scheme))) ? 1 : 0;
    }

    /** Token F1, the best over the gold answers. */
    public static double f1(final String predicted, final Collection<String> golds, final Scheme scheme) {
        final List<String> p = tokens(predicted, scheme);
        return golds.stream().mapToDouble(g -> f1(p, tokens(g, scheme))).max().orElse(0);
    }

    private static double f1(final List<String> predicted, final List<String> gold) {
        final Map<String, Integer> counts = new HashMap<>();
        gold.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (final String t : predicted) {
            final Integer c = counts.get(t);
            if (c != null && c > 0) {
                common++;
                counts.put(t, c - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        final double precision = (double)common / predicted.size();
        final double recall = (double)common / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static boolean isPunctuation(final int cp, final Scheme scheme) {
        if (cp < 128 && ASCII_PUNCTUATION.indexOf(cp) >= 0) {
            return true;
        }
        if (scheme == Scheme.SQUAD_V11) {
            return false;
        }
        return Punctuation.isUnicode(cp);
    }

    /** The block MLQA's and CMRC's scripts treat as Chinese characters. */
    static boolean isCjk(final int cp) {
        return cp >= 0x4E00 && cp <= 0x9FA5;
    }

    /** Python's str.split(): runs of Unicode white space (str.isspace also counts the no-break spaces). */
    private static List<String> splitWhitespace(final CharSequence text) {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
