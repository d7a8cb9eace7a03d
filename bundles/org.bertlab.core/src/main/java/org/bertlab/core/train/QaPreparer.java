package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.qa.QaSettings;
import org.bertlab.core.qa.QaWindows;
import org.bertlab.core.tokenize.BertTokenizer;

/**
 * Extractive QA: rows need a question, a context and an answer found in that context; contexts are read in
 * overlapping windows ({@link QaWindows}), whose settings the trained model carries ({@link QaSettings}).
 */
final class QaPreparer implements TaskPreparer<QaExample> {

    private final TaskInputs in;

    /** The window length training used, set by {@link #prepare}. */
    private int windowLength;

    QaPreparer(final TaskInputs in) {
        this.in = in;
    }

    @Override
    public String needs() {
        return "a question, a context and an answer found in that context";
    }

    /**
     * Keeps rows with question, context and an answer that is where answer_start says (or, for a negative start,
     * anywhere: its first occurrence); the start of a kept row is always the true offset.
     */
    @Override
    public List<QaExample> clean(final List<QaExample> rows, final String table, final List<String> skipped) {
        final List<QaExample> kept = new ArrayList<>();
        int missing = 0;
        int notFound = 0;
        for (final QaExample r : rows) {
            if (StringUtils.isBlank(r.question()) || StringUtils.isBlank(r.context())
                || StringUtils.isBlank(r.answerText())) {
                missing++;
                continue;
            }
            final int start = r.answerStart() < 0 ? r.context().indexOf(r.answerText()) : r.answerStart();
            if (start < 0 || !r.context().startsWith(r.answerText(), start)) {
                notFound++;
                continue;
            }
            kept.add(new QaExample(r.question(), r.context(), r.answerText(), start, r.otherAnswers()));
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without question, context or answer");
        }
        if (notFound > 0) {
            skipped.add(notFound + " " + table + " row(s) whose answer is not found in the context at answer_start");
        }
        return kept;
    }

    @Override
    public TrainingTask prepare(final List<QaExample> train, final List<QaExample> validation,
        final List<String> notes) {
        final FineTuneOptions options = in.options;
        windowLength = in.maxLength();
        final QaTask task;
        try (BertTokenizer unbounded = in.unbounded()) {
            final QaWindows windows = new QaWindows(unbounded, windowLength, options.qaStride(),
                options.maxQuestionTokens());
            final List<QaWindows.Window> a = windows(windows, train);
            final List<QaWindows.Window> b = windows(windows, validation);
            in.checkVocabulary(a.stream().map(QaWindows.Window::input).toList(), notes);
            task = new QaTask(a, b, validation, options.maxAnswerTokens(), in.model.tokenizer().padId());
            if (a.size() > train.size()) {
                notes.add(train.size() + " training examples make " + a.size() + " windows of " + windowLength
                    + " tokens (stride " + options.qaStride() + ")");
            }
        }
        if (!in.model.heads().hasQuestionAnswering()) {
            in.addHead(BertLayout.questionAnswering(in.model.config()));
        }
        return task;
    }

    /** Prediction after any reload reads contexts in the windows training used. */
    @Override
    public void finish() {
        final FineTuneOptions options = in.options;
        new QaSettings(windowLength, options.qaStride(), options.maxQuestionTokens(), options.maxAnswerTokens())
            .attachTo(in.trainable);
    }

    private static List<QaWindows.Window> windows(final QaWindows windows, final List<QaExample> rows) {
        final List<QaWindows.Window> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            final QaExample r = rows.get(i);
            all.addAll(windows.windows(i, r.question(), r.context(), r.answerStart(),
                r.answerStart() + r.answerText().length()));
        }
        return all;
    }
}
