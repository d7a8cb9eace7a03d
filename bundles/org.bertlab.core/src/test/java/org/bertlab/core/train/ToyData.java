package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded data sets over the tiny test vocabulary (see TestModels). */
final class ToyData {

    static final List<String> FILLER = List.of("the", "a", "cat", "dog", "fish", "sat", "on", "mat", "is", "and",
        "runs", "eats", "water", "house", "tree", "bird");

    static final List<String> ANIMALS = List.of("cat", "dog", "fish", "bird");

    private ToyData() {
    }

    /** Label "red" iff the sentence contains "red", "blue" iff it contains "blue": separable by one word. */
    static List<ClassificationExample> colours(final int n, final long seed) {
        final Random random = new Random(seed);
        final List<ClassificationExample> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final String colour = i % 2 == 0 ? "red" : "blue";
            final List<String> words = filler(random, 4 + random.nextInt(5));
            words.add(random.nextInt(words.size() + 1), colour);
            rows.add(ClassificationExample.of(String.join(" ", words), colour));
        }
        return rows;
    }

    /** Words without animals and without "big", for contexts whose only animal is the answer. */
    static final List<String> PLAIN = List.of("the", "a", "sat", "on", "mat", "is", "and", "runs", "eats", "water",
        "house", "tree", "red", "blue");

    /** The answer is always the pattern "big ANIMAL", the only animal of the context. */
    static List<QaExample> bigAnimal(final int n, final long seed) {
        final Random random = new Random(seed);
        final List<QaExample> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final String before = words(random, PLAIN, 1 + random.nextInt(6));
            final String after = words(random, PLAIN, 1 + random.nextInt(6));
            final String answer = "big " + ANIMALS.get(random.nextInt(ANIMALS.size()));
            final String context = before + " " + answer + " " + after;
            rows.add(new QaExample("which animal is big ?", context, answer, before.length() + 1));
        }
        return rows;
    }

    private static String words(final Random random, final List<String> from, final int n) {
        final List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(from.get(random.nextInt(from.size())));
        }
        return String.join(" ", words);
    }

    static List<String> filler(final Random random, final int n) {
        final List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(FILLER.get(random.nextInt(FILLER.size())));
        }
        return words;
    }
}
