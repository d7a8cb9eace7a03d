package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.tokenize.TokenizedText;

/** Masked-LM pre-training: rows need a text; an MLM head is added when the model has none. */
final class MaskedLmPreparer implements TaskPreparer<TextExample> {

    private final TaskInputs in;

    MaskedLmPreparer(final TaskInputs in) {
        this.in = in;
    }

    @Override
    public String needs() {
        return "text";
    }

    @Override
    public List<TextExample> clean(final List<TextExample> rows, final String table, final List<String> skipped) {
        final List<TextExample> kept = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (StringUtils.isBlank(rows.get(i).text())) {
                missing++;
            } else {
                kept.add(new TextExample(in.map(rows.get(i).text(), table, i)));
            }
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without text");
        }
        return kept;
    }

    @Override
    public TrainingTask prepare(final List<TextExample> train, final List<TextExample> validation,
        final List<String> notes) {
        final FineTuneOptions options = in.options;
        final MaskedLmTask task = in.withTokenizer(tokenizer -> {
            final List<TokenizedText> a = tokenizer.encodeAll(texts(train));
            final List<TokenizedText> b = validation.isEmpty() ? List.of() : tokenizer.encodeAll(texts(validation));
            in.checkVocabulary(a, notes);
            return new MaskedLmTask(a, b, tokenizer, options.mlmProbability(), options.seed());
        });
        if (!in.model.heads().hasMaskedLm()) {
            in.addHead(BertLayout.maskedLm(in.model.config()));
        }
        return task;
    }

    private static List<String> texts(final List<TextExample> rows) {
        return rows.stream().map(TextExample::text).toList();
    }
}
