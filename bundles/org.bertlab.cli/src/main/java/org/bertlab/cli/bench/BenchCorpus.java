package org.bertlab.cli.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.bertlab.core.tokenize.BertTokenizer;

/**
 * A deterministic mixed English/Chinese corpus drawn from the model's own vocabulary: every English word is a
 * whole-word vocabulary entry (one token) and every Chinese character a vocabulary character (one token), so a
 * text of n units is about n + 2 tokens with [CLS] and [SEP]. Lengths are uniform in the range asked for.
 */
final class BenchCorpus {

    private final List<String> english = new ArrayList<>();

    private final List<String> chinese = new ArrayList<>();

    BenchCorpus(final BertTokenizer tokenizer) {
        for (final String token : tokenizer.vocabulary()) {
            if (token == null || token.isEmpty()) {
                continue;
            }
            if (token.length() >= 3 && token.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                english.add(token);
            } else if (token.length() == 1 && Character.UnicodeScript.of(token.codePointAt(0))
                == Character.UnicodeScript.HAN) {
                chinese.add(token);
            }
        }
    }

    List<String> englishWords() {
        return english;
    }

    List<String> chineseCharacters() {
        return chinese;
    }

    /** {@code count} texts with {@code minTokens}..{@code maxTokens} tokens each ([CLS] and [SEP] included). */
    List<String> texts(final int count, final int minTokens, final int maxTokens, final long seed) {
        final List<String> texts = new ArrayList<>(count);
        stream(count, minTokens, maxTokens, seed).forEachRemaining(texts::add);
        return texts;
    }

    /** The same texts generated one at a time, for streaming without holding them. */
    Iterator<String> stream(final long count, final int minTokens, final int maxTokens, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            private long made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                made++;
                final int units = Math.max(1, random.nextInt(minTokens, maxTokens + 1) - 2);
                final StringBuilder text = new StringBuilder(units * 6);
                if (random.nextBoolean()) {
                    for (int i = 0; i < units; i++) {
                        if (i > 0) {
                            text.append(' ');
                        }
                        text.append(english.get(random.nextInt(english.size())));
                    }
                } else {
                    for (int i = 0; i < units; i++) {
                        text.append(chinese.get(random.nextInt(chinese.size())));
                    }
                }
                return text.toString();
            }
        };
    }
}
