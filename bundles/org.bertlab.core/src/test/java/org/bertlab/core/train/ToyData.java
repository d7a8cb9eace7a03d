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

    /** The answer is always the animal right after "big" somewhere in the context. */
    static List<QaExample> bigAnimal(final int n, final long seed) {
        final Random random = new Random(seed);
        final List<QaExample> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final List<String> before = filler(random, 1 + random.nextInt(6));
            final List<String> after = filler(random, 1 + random.nextInt(6));
            final String animal = ANIMALS.get(random.nextInt(ANIMALS.size()));
            final String prefix = String.join(" ", before) + " big ";
            final String context = prefix + animal + " " + String.join(" ", after);
            rows.add(new QaExample("what is big ?", context, animal, prefix.length()));
        }
        return rows;
    }

    static List<String> filler(final Random random, final int n) {
        final List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(FILLER.get(random.nextInt(FILLER.size())));
        }
        return words;
    }
}
