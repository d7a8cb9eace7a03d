package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.options.OptionMessage;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneTask;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Engine errors keyed by option render as the flags of the command that sets them. */
class OptionMessagesTest {

    /** One invalid value for every option FineTuneOptions checks. */
    private static Map<String, UnaryOperator<FineTuneOptions.Builder>> invalidFineTuneOptions() {
        final Map<String, UnaryOperator<FineTuneOptions.Builder>> cases = new LinkedHashMap<>();
        cases.put("epochs", b -> b.epochs(0));
        cases.put("batch-size", b -> b.batchSize(0));
        cases.put("learning-rate", b -> b.learningRate(0));
        cases.put("learning-rate too high", b -> b.learningRate(2));
        cases.put("warmup", b -> b.warmupFraction(1));
        cases.put("weight-decay", b -> b.weightDecay(-1));
        cases.put("gradient-clip", b -> b.gradientClip(-1));
        cases.put("max-length", b -> b.maxLength(3));
        cases.put("freeze-layers", b -> b.freezeLowestLayers(-1));
        cases.put("validation-fraction", b -> b.validationFraction(1));
        cases.put("patience", b -> b.earlyStoppingPatience(-1));
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
    void everyFineTuneValidationErrorNamesAFlagOfTheFinetuneCommand() {
        final CommandSpec finetune = new CommandLine(new Main()).getSubcommands().get("finetune").getCommandSpec();
        invalidFineTuneOptions().forEach((name, invalid) -> {
            final InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> invalid.apply(FineTuneOptions.builder()).build(), name);
            assertRendersAsFlags(finetune, e);
        });
        assertRendersAsFlags(finetune, assertThrows(InvalidOptionException.class, () -> FineTuneTask.parse("x")));
    }

    @Test
    void mrrLayerErrorsNameTheLayersFlag() {
        final CommandSpec mrr = new CommandLine(new Main()).getSubcommands().get("mrr").getCommandSpec();
        assertRendersAsFlags(mrr, assertThrows(InvalidOptionException.class, () -> MrrOptions.builder().layers(-1)));
    }

    private static void assertRendersAsFlags(final CommandSpec command, final InvalidOptionException e) {
        final String line = Main.message(new RuntimeException("wrapped", e));
        assertTrue(line.contains(Main.flag(e.option())), line);
        assertFalse(line.contains("{"), line);
        final Matcher refs = OptionMessage.REFERENCE.matcher(e.template());
        while (refs.find()) {
            assertNotNull(command.findOption(Main.flag(refs.group(1))),
                command.name() + " has no option " + Main.flag(refs.group(1)) + " for: " + line);
        }
    }
}
