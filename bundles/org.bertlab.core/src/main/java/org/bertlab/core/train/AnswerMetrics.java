package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SQuAD's answer metrics (Rajpurkar et al. 2016, the official v1.1 evaluation script): exact match and token F1
 * after lower-casing and removing punctuation, the articles a/an/the and extra white space. CJK characters count
 * as one token each, as the CMRC 2018 evaluation does for Chinese.
 */
public final class AnswerMetrics {

    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");

    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

    private AnswerMetrics() {
    }

    public static String normalise(final String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        t = PUNCTUATION.matcher(t).replaceAll(" ");
        t = ARTICLES.matcher(t).replaceAll(" ");
        return String.join(" ", t.trim().split("\\s+"));
    }

    public static boolean exactMatch(final String predicted, final String gold) {
        return normalise(predicted).equals(normalise(gold));
    }

    public static double f1(final String predicted, final String gold) {
        final List<String> p = tokens(normalise(predicted));
        final List<String> g = tokens(normalise(gold));
        if (p.isEmpty() || g.isEmpty()) {
            return p.equals(g) ? 1 : 0;
        }
        final Map<String, Integer> counts = new HashMap<>();
        g.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (final String t : p) {
            final Integer c = counts.get(t);
            if (c != null && c > 0) {
                common++;
                counts.put(t, c - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        final double precision = (double)common / p.size();
        final double recall = (double)common / g.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> tokens(final String normalised) {
        final List<String> tokens = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        normalised.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (!Character.isWhitespace(cp)) {
                    tokens.add(new String(Character.toChars(cp)));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }
}
