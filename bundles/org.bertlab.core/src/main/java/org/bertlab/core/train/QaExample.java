package org.bertlab.core.train;

/**
 * One extractive question-answering example in SQuAD form.
 *
 * @param question the question
 * @param context the passage holding the answer
 * @param answerText the answer, a span of the context
 * @param answerStart character offset of the answer in the context; a negative value means "its first
 *     occurrence". An answer that is not at that offset (or nowhere, for a negative offset) is skipped and counted.
 */
public record QaExample(String question, String context, String answerText, int answerStart) {
}
