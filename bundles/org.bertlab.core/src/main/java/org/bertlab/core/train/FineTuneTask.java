package org.bertlab.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bertlab.core.options.InvalidOptionException;

/** What a training run teaches, with the name used on the command line and in node settings. */
public enum FineTuneTask {

    /** Sequence classification of a text or text pair into string labels ({@code classifier.*} head). */
    CLASSIFY("classify"),

    /** Extractive question answering in SQuAD form ({@code qa_outputs} start/end head). */
    QA("qa"),

    /** Continued masked-LM pre-training of a loaded model. */
    MLM("mlm"),

    /** Masked-LM pre-training of a new, randomly initialised BERT built from the size settings. */
    PRETRAIN("pretrain");

    private final String commandLineName;

    FineTuneTask(final String commandLineName) {
        this.commandLineName = commandLineName;
    }

    public String commandLineName() {
        return commandLineName;
    }

    /** True for the two masked-LM tasks. */
    public boolean isMaskedLm() {
        return this == MLM || this == PRETRAIN;
    }

    /** @throws InvalidOptionException naming the allowed names */
    public static FineTuneTask parse(final String name) {
        for (final FineTuneTask t : values()) {
            if (t.commandLineName.equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidOptionException("task", "must be one of " + Arrays.stream(values())
            .map(FineTuneTask::commandLineName).collect(Collectors.joining(", ")) + " but was '" + name + "'");
    }

    @Override
    public String toString() {
        return commandLineName;
    }
}
