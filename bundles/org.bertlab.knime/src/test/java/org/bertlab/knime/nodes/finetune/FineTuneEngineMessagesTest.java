package org.bertlab.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.options.OptionMessage;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneTask;
import org.bertlab.core.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;

/**
 * Every validation error of the engine's fine-tuning options, walked through the node: it names the node's dialog
 * label where the node has the option, plain words where it does not, and never a command-line flag.
 */
class FineTuneEngineMessagesTest {

    /** The options the Fine-Tune dialog sets, by the engine's id, with their labels. */
    private static final Map<String, String> NODE_LABELS = Map.ofEntries(
        Map.entry("task", FineTuneSettings.LABEL_TASK), Map.entry("epochs", FineTuneSettings.LABEL_EPOCHS),
        Map.entry("batch-size", FineTuneSettings.LABEL_BATCH),
        Map.entry("learning-rate", FineTuneSettings.LABEL_LR),
        Map.entry("max-length", FineTuneSettings.LABEL_MAX_LENGTH),
        Map.entry("validation-fraction", FineTuneSettings.LABEL_VALIDATION),
        Map.entry("layers", FineTuneSettings.LABEL_LAYERS), Map.entry("hidden", FineTuneSettings.LABEL_HIDDEN),
        Map.entry("heads", FineTuneSettings.LABEL_HEADS), Map.entry("vocab", FineTuneSettings.LABEL_VOCAB));

    /** One invalid value for every check of {@link FineTuneOptions.Builder#build()}. */
    static Map<String, UnaryOperator<FineTuneOptions.Builder>> invalidOptions() {
        final Map<String, UnaryOperator<FineTuneOptions.Builder>> cases = new LinkedHashMap<>();
        cases.put("task", b -> b.task((FineTuneTask)null));
        cases.put("epochs", b -> b.epochs(0));
        cases.put("batch-size", b -> b.batchSize(0));
        cases.put("learning-rate", b -> b.learningRate(0));
        cases.put("learning-rate above 1", b -> b.learningRate(2));
        cases.put("warmup", b -> b.warmupFraction(1));
        cases.put("weight-decay", b -> b.weightDecay(-1));
        cases.put("gradient-clip", b -> b.gradientClip(-1));
        cases.put("max-length", b -> b.maxLength(3));
        cases.put("freeze-layers", b -> b.freezeLowestLayers(-1));
        cases.put("validation-fraction", b -> b.validationFraction(1));
        cases.put("patience", b -> b.earlyStoppingPatience(-1));
        cases.put("device", b -> b.device(null));
        cases.put("mlm-probability", b -> b.mlmProbability(0));
        cases.put("qa-stride", b -> b.qaStride(0));
        cases.put("max-answer-tokens", b -> b.maxAnswerTokens(0));
        cases.put("max-question-tokens", b -> b.maxQuestionTokens(0));
        cases.put("layers", b -> b.pretrainLayers(0));
        cases.put("hidden", b -> b.pretrainHidden(0));
        cases.put("hidden and heads", b -> b.pretrainHidden(30).pretrainHeads(4));
        cases.put("intermediate", b -> b.pretrainIntermediate(-1));
        cases.put("vocab", b -> b.pretrainVocab(0));
        cases.put("hidden too large", b -> b.pretrainHidden(50_000).pretrainHeads(10));
        return cases;
    }

    @Test
    void everyEngineValidationErrorNamesTheDialogLabel() {
        final FineTuneSettings settings = new FineTuneSettings();
        invalidOptions().forEach((name, invalid) -> {
            final InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> invalid.apply(FineTuneOptions.builder()).build(), name);
            assertInNodeTerms(settings.render(e), e, name);
        });
        final InvalidOptionException task = assertThrows(InvalidOptionException.class, () -> FineTuneTask.parse("x"));
        assertTrue(settings.render(task).startsWith("\"" + FineTuneSettings.LABEL_TASK + "\" must be one of"),
            settings.render(task));
        // the advice after a diverged training names options too
        final TrainingDivergedException diverged = new TrainingDivergedException(
            "The training loss became NaN. Lower the {learning-rate} and keep {gradient-clip} on (1).");
        assertInNodeTerms(settings.render(diverged), diverged, "diverged");
    }

    @Test
    void anEngineErrorAtExecutionBecomesTheNodesMessage() {
        final FineTuneSettings settings = new FineTuneSettings();
        final InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> FineTuneOptions.builder().epochs(0).build());
        final Exception shown = settings.inDialogTerms(new RuntimeException("wrapped by a stream", e));
        assertTrue(shown instanceof InvalidSettingsException, shown.toString());
        assertTrue(shown.getMessage().startsWith("\"" + FineTuneSettings.LABEL_EPOCHS + "\" must be at least 1"),
            shown.getMessage());
    }

    @Test
    void invalidSettingsInConfigureNameTheLabelNotAFlag() {
        final FineTuneNodeModel model = new FineTuneNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_task.setStringValue("pretrain");
        model.settings().m_hidden.setIntValue(30);
        model.settings().m_heads.setIntValue(4);
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> model.settings().check());
        assertTrue(e.getMessage().contains(FineTuneSettings.LABEL_HIDDEN), e.getMessage());
        assertFalse(e.getMessage().contains("--"), e.getMessage());
    }

    private static void assertInNodeTerms(final String shown, final OptionMessage e, final String name) {
        assertFalse(shown.contains("--"), name + ": a command-line flag in a node message: " + shown);
        assertFalse(shown.contains("{"), name + ": an unrendered reference: " + shown);
        final Matcher refs = OptionMessage.REFERENCE.matcher(e.template());
        assertTrue(refs.find(), name + ": the engine message names no option: " + e.template());
        refs.reset();
        while (refs.find()) {
            final String option = refs.group(1);
            final String expected = NODE_LABELS.containsKey(option) ? "\"" + NODE_LABELS.get(option) + "\""
                : OptionMessage.plainName(option);
            assertTrue(shown.contains(expected), name + ": " + option + " should read " + expected + ": " + shown);
        }
    }
}
