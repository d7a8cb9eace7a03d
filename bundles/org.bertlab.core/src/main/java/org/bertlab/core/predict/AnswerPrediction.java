package org.bertlab.core.predict;

/**
 * An extractive QA model's answer for one question and context.
 *
 * @param answer the answer text, a span of the context (empty when the context has no tokens)
 * @param start character offset of the answer in the context, -1 when there is none
 * @param end character offset after the answer, -1 when there is none
 * @param score p(start) · p(end) of the span within its window
 */
public record AnswerPrediction(String answer, int start, int end, double score) {
}
