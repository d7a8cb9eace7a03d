package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;

/**
 * One extractive question-answering example in SQuAD form.
 *
 * @param question the question
 * @param context the passage holding the answer
 * @param answerText the answer, a span of the context (the one trained on)
 * @param answerStart character offset of the answer in the context; a negative value means "its first
 *     occurrence". An answer that is not at that offset (or nowhere, for a negative offset) is skipped and counted.
 * @param otherAnswers further correct answers (SQuAD and DRCD evaluation sets give several per question);
 *     evaluation scores a prediction against the best of all answers, training uses only {@code answerText}
 */
public record QaExample(String question, String context, String answerText, int answerStart,
    List<String> otherAnswers) {

    public QaExample {
        otherAnswers = otherAnswers == null ? List.of() : List.copyOf(otherAnswers);
    }

    /** An example with one answer. */
    public QaExample(final String question, final String context, final String answerText, final int answerStart) {
        this(question, context, answerText, answerStart, List.of());
    }

    /** Every gold answer: {@code answerText} first, then the others. */
    public List<String> answers() {
        final List<String> all = new ArrayList<>();
        all.add(answerText);
        all.addAll(otherAnswers);
        return all;
    }
}
