package org.bertlab.core.qa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Extractive QA inputs as BERT reads them (Devlin et al. 2019, section 4.2; transformers' run_squad): {@code [CLS]
 * question [SEP] context window [SEP]}, where a context longer than the room left by the question is covered by
 * overlapping windows whose starts are {@code stride} tokens apart. Each window knows the character span of each
 * context token, so a predicted token span maps back to the exact text of the context. Shared by training and
 * prediction so both read a context the same way.
 */
public final class QaWindows {

    /**
     * One window of one example.
     *
     * @param example index of the example the window belongs to
     * @param input the encoded window
     * @param charStarts context character offset where each token starts, -1 for question and special tokens
     * @param charEnds context character offset where each token ends (exclusive), -1 likewise
     * @param startLabel token position where the answer starts, 0 ([CLS]) when the window does not hold it
     * @param endLabel token position where the answer ends, 0 when the window does not hold it
     */
    public record Window(int example, TokenizedText input, int[] charStarts, int[] charEnds, int startLabel,
        int endLabel) {
    }

    /**
     * A predicted answer span.
     *
     * @param start character offset in the context
     * @param end character offset in the context, exclusive
     * @param score p(start) · p(end) within the window it came from
     */
    public record Span(int start, int end, double score) {
    }

    private final BertTokenizer unbounded;

    private final int maxLength;

    private final int stride;

    private final int maxQuestionTokens;

    /**
     * @param unbounded a tokenizer that does not truncate (the caller owns and closes it)
     * @param maxLength tokens per window, special tokens included
     * @param stride tokens between the starts of consecutive windows
     * @param maxQuestionTokens questions are cut to this many tokens
     */
    public QaWindows(final BertTokenizer unbounded, final int maxLength, final int stride,
        final int maxQuestionTokens) {
        this.unbounded = unbounded;
        this.maxLength = maxLength;
        this.stride = stride;
        this.maxQuestionTokens = Math.max(1, Math.min(maxQuestionTokens, maxLength / 2));
    }

    /**
     * The windows of one example.
     *
     * @param answerStart character offset of the answer, or -1 when there is none (prediction)
     * @param answerEnd character offset after the answer, or -1
     */
    public List<Window> windows(final int example, final String question, final String context,
        final int answerStart, final int answerEnd) {
        final TokenizedText q = unbounded.encode(question);
        final TokenizedText c = unbounded.encode(context);
        final int[] qIdx = textTokens(q);
        final int qLen = Math.min(qIdx.length, maxQuestionTokens);
        final int[] cIdx = textTokens(c);
        final int room = Math.max(1, maxLength - qLen - 3);
        final int step = Math.max(1, Math.min(stride, room));
        final List<Window> windows = new ArrayList<>();
        int from = 0;
        while (true) {
            final int to = Math.min(cIdx.length, from + room);
            windows.add(window(example, q, qIdx, qLen, c, cIdx, from, to, answerStart, answerEnd));
            if (to >= cIdx.length) {
                break;
            }
            from += step;
        }
        return windows;
    }

    private Window window(final int example, final TokenizedText q, final int[] qIdx, final int qLen,
        final TokenizedText c, final int[] cIdx, final int from, final int to, final int answerStart,
        final int answerEnd) {
        final int length = qLen + 3 + (to - from);
        final long[] ids = new long[length];
        final long[] types = new long[length];
        final String[] tokens = new String[length];
        final int[] starts = new int[length];
        final int[] ends = new int[length];
        final int[] sequence = new int[length];
        final int[] charStarts = new int[length];
        final int[] charEnds = new int[length];
        Arrays.fill(charStarts, -1);
        Arrays.fill(charEnds, -1);
        int p = 0;
        p = special(ids, tokens, sequence, p, unbounded.clsId(), "[CLS]");
        for (int i = 0; i < qLen; i++, p++) {
            ids[p] = q.ids()[qIdx[i]];
            tokens[p] = q.tokens()[qIdx[i]];
            starts[p] = q.starts()[qIdx[i]];
            ends[p] = q.ends()[qIdx[i]];
        }
        p = special(ids, tokens, sequence, p, unbounded.sepId(), "[SEP]");
        final int contextOffset = p;
        int startLabel = 0;
        int endLabel = 0;
        boolean startFound = false;
        for (int i = from; i < to; i++, p++) {
            final int t = cIdx[i];
            ids[p] = c.ids()[t];
            types[p] = 1;
            tokens[p] = c.tokens()[t];
            starts[p] = c.starts()[t];
            ends[p] = c.ends()[t];
            sequence[p] = 1;
            charStarts[p] = c.starts()[t];
            charEnds[p] = c.ends()[t];
            if (answerStart >= 0 && !startFound && charEnds[p] > answerStart && charStarts[p] < answerEnd) {
                startLabel = p;
                startFound = true;
            }
            if (answerStart >= 0 && charStarts[p] < answerEnd && charEnds[p] > answerStart) {
                endLabel = p;
            }
        }
        types[p] = 1;
        special(ids, tokens, sequence, p, unbounded.sepId(), "[SEP]");
        // The answer must lie wholly in the window; otherwise the window points at [CLS], as run_squad does.
        final boolean whole = startFound && answerStartInside(c, cIdx, from, answerStart)
            && answerEndInside(c, cIdx, to, answerEnd);
        if (!whole || endLabel < startLabel || startLabel < contextOffset) {
            startLabel = 0;
            endLabel = 0;
        }
        return new Window(example, new TokenizedText(ids, types, tokens, starts, ends, sequence, false), charStarts,
            charEnds, startLabel, endLabel);
    }

    private static boolean answerStartInside(final TokenizedText c, final int[] cIdx, final int from,
        final int answerStart) {
        return from == 0 || c.starts()[cIdx[from]] <= answerStart;
    }

    private static boolean answerEndInside(final TokenizedText c, final int[] cIdx, final int to,
        final int answerEnd) {
        return to == cIdx.length || c.ends()[cIdx[to - 1]] >= answerEnd;
    }

    private static int special(final long[] ids, final String[] tokens, final int[] sequence, final int p,
        final int id, final String token) {
        ids[p] = id;
        tokens[p] = token;
        sequence[p] = -1;
        return p + 1;
    }

    private static int[] textTokens(final TokenizedText t) {
        final int[] idx = new int[t.realTokenCount()];
        int k = 0;
        for (int i = 0; i < t.length(); i++) {
            if (!t.isSpecial(i)) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /**
     * The best span of a window: the context tokens s ≤ e, at most {@code maxAnswerTokens} apart, maximising
     * p(start = s) · p(end = e) under softmaxes over the window's real tokens.
     *
     * @param startLogits start logits of the window's positions (padding may follow)
     * @param endLogits end logits likewise
     */
    public static Span bestSpan(final Window window, final float[] startLogits, final float[] endLogits,
        final int maxAnswerTokens) {
        final int length = window.input().length();
        final double[] ps = softmax(startLogits, length);
        final double[] pe = softmax(endLogits, length);
        Span best = null;
        for (int s = 0; s < length; s++) {
            if (window.charStarts()[s] < 0) {
                continue;
            }
            for (int e = s; e < Math.min(length, s + maxAnswerTokens); e++) {
                if (window.charStarts()[e] < 0) {
                    break;
                }
                final double score = ps[s] * pe[e];
                if (best == null || score > best.score()) {
                    best = new Span(window.charStarts()[s], window.charEnds()[e], score);
                }
            }
        }
        return best;
    }

    private static double[] softmax(final float[] logits, final int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, logits[i]);
        }
        final double[] p = new double[length];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
