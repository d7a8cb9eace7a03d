package org.bertlab.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.knime.testing.KnimeTestRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.NodeLogger.LEVEL;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * The shipped workflows as a schedule runs them: KNIME Server and Hub executors and
 * {@code knime -application org.knime.product.KNIME_BATCH_APPLICATION} go through KNIME's batch executor. Each
 * workflow, copied to a temporary folder, runs with {@code -reset -nosave} and must end with exit code 0; two settings
 * are overridden with {@code -workflow.variable=name,value,type} and the saved output must follow them; an invalid
 * value must end with a non-zero exit code and the node's own message in the log.
 *
 * <p>Up to KNIME 5.8 the batch executor is knime-core's {@code org.knime.core.node.workflow.BatchExecutor}; KNIME 5.9
 * moved it to the bundle {@code org.knime.ap.batch} (repository knime/knime-ap-batch, class
 * {@code BatchExecutorImpl}) and left a stub without {@code mainRun} in knime-core. Both have the same
 * {@code public static int mainRun(String...)} and exit codes, so the test calls whichever the installation has,
 * by reflection (code compiled against one of them would not compile against the other).
 */
class BatchExecutorTest {

    /** The batch executor of KNIME 5.9 and later. */
    static final String EXECUTOR_SINCE_5_9 = "org.knime.ap.batch.BatchExecutorImpl";

    /** The batch executor of KNIME up to 5.8. */
    static final String EXECUTOR_UP_TO_5_8 = "org.knime.core.node.workflow.BatchExecutor";

    /** Exit codes of both ({@code EXIT_SUCCESS}, {@code EXIT_ERR_EXECUTION}). */
    static final int EXIT_SUCCESS = 0;

    static final int EXIT_ERR_EXECUTION = 4;

    /** Copies of the workflows; JUnit deletes it after the last test. */
    @TempDir
    static Path copies;

    @BeforeAll
    static void startKnime() throws Exception {
        KnimeTestRuntime.startWorkspace();
    }

    @TestFactory
    Stream<DynamicTest> everyShippedWorkflowRunsWithExitCodeZero() throws Exception {
        return TestWorkflowsTest.shippedWorkflows(TestWorkflowGenerator.workflowsFolder()).stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            final Path copy = copy(dir, "plain");
            final Run run = run("-reset", "-nosave", "-workflowDir=" + copy);
            assertEquals(EXIT_SUCCESS, run.exitCode(), dir.getFileName() + ":\n" + run.log());
        }));
    }

    /** cross-lingual's Dictionary MRR reads its layers from a workflow variable: MRR rows for exactly those layers. */
    @Test
    void layersOfDictionaryMrrFollowTheWorkflowVariable() throws Exception {
        final Path copy = copy(TestWorkflowGenerator.workflowsFolder().resolve("cross-lingual"), "layers");
        final String shipped = workflowVariable(copy, TestWorkflowGenerator.MRR_LAYERS_VARIABLE).getStringValue();
        assertEquals(Set.of(0, 2, 4), layers(shipped), "the workflow's own layers");
        // no -nosave: the executed copy is saved in place and read back
        final Run run = run("-reset", "-workflowDir=" + copy,
            "-workflow.variable=" + TestWorkflowGenerator.MRR_LAYERS_VARIABLE + ",1,String");
        assertEquals(EXIT_SUCCESS, run.exitCode(), run.log());
        final WorkflowManager wfm = TestWorkflowsTest.load(copy);
        try {
            final BufferedDataTable metrics = TestWorkflowsTest.table(wfm, "Dictionary MRR", 0);
            assertEquals(Set.of(1), column(metrics, "layer"), "layers of the MRR rows");
            assertEquals(2 * 2, metrics.size(), "one row per direction at the one layer, raw and centred");
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    /** zero-shot's Fine-Tune reads its epochs from a workflow variable: one statistics row per epoch run. */
    @Test
    void epochsOfFineTuneFollowTheWorkflowVariable() throws Exception {
        final Path copy = copy(TestWorkflowGenerator.workflowsFolder().resolve("zero-shot"), "epochs");
        final int shipped = workflowVariable(copy, TestWorkflowGenerator.EPOCHS_VARIABLE).getIntValue();
        // fewer epochs where the workflow has several: the run is shorter and the change as visible
        final int epochs = shipped > 1 ? 1 : 2;
        final Run run = run("-reset", "-workflowDir=" + copy,
            "-workflow.variable=" + TestWorkflowGenerator.EPOCHS_VARIABLE + "," + epochs + ",int");
        assertEquals(EXIT_SUCCESS, run.exitCode(), run.log());
        final WorkflowManager wfm = TestWorkflowsTest.load(copy);
        try {
            final BufferedDataTable statistics = TestWorkflowsTest.table(wfm, "Fine-Tune", 1);
            assertEquals(epochs, statistics.size(), "statistics rows (one per epoch)");
            final Set<Integer> expected = new TreeSet<>();
            for (int e = 1; e <= epochs; e++) {
                expected.add(e);
            }
            assertEquals(expected, column(statistics, "epoch"));
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    /** An invalid layer list from the schedule: the run fails, and the log says which setting and why. */
    @Test
    void invalidWorkflowVariableFailsWithTheNodesMessage() throws Exception {
        final Path copy = copy(TestWorkflowGenerator.workflowsFolder().resolve("cross-lingual"), "invalid");
        // an undefined variable would only be added to the workflow, and the run succeed
        workflowVariable(copy, TestWorkflowGenerator.MRR_LAYERS_VARIABLE);
        final Run run = run("-reset", "-nosave", "-workflowDir=" + copy,
            "-workflow.variable=" + TestWorkflowGenerator.MRR_LAYERS_VARIABLE + ",four,String");
        assertEquals(EXIT_ERR_EXECUTION, run.exitCode(), run.log());
        // the node's own check names its dialog field ("Layers") and the value it cannot read
        assertTrue(run.log().contains("\"Layers\""), run.log());
        assertTrue(run.log().contains("Dictionary MRR"), run.log());
    }

    /** Exit code and what KNIME logged (INFO and above) during one BatchExecutor run. */
    record Run(int exitCode, String log) {
    }

    private static Run run(final String... args) throws Exception {
        final Method mainRun = mainRun();
        final StringWriter log = new StringWriter();
        NodeLogger.addKNIMEConsoleWriter(log, LEVEL.INFO, LEVEL.FATAL);
        try {
            final int exitCode = (Integer)mainRun.invoke(null, (Object)args);
            return new Run(exitCode, log.toString());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            NodeLogger.removeWriter(log);
        }
    }

    /** {@code mainRun(String...)} of the installation's batch executor; fails saying what is missing. */
    static Method mainRun() {
        for (final String name : new String[]{EXECUTOR_SINCE_5_9, EXECUTOR_UP_TO_5_8}) {
            try {
                return Class.forName(name).getMethod("mainRun", String[].class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // not this KNIME version's
            }
        }
        throw new AssertionError(System.getProperty("knime.home") + "/plugins has no KNIME batch executor: neither "
            + EXECUTOR_UP_TO_5_8 + ".mainRun (knime-core up to 5.8) nor " + EXECUTOR_SINCE_5_9 + ".mainRun (bundle "
            + "org.knime.ap.batch from knime/knime-ap-batch, KNIME 5.9 and later, which also needs "
            + "org.knime.product for its IBatchExecutor interface). Every KNIME AP installation has one; add "
            + "org.knime.ap.batch and org.knime.product to an installation built from knime-core alone.");
    }

    private static FlowVariable workflowVariable(final Path dir, final String name) throws Exception {
        final WorkflowManager wfm = TestWorkflowsTest.load(dir);
        try {
            final FlowVariable variable = wfm.getWorkflowVariables().stream().filter(v -> v.getName().equals(name))
                .findFirst().orElse(null);
            assertNotNull(variable, dir.getFileName() + " defines no workflow variable " + name + " (it has "
                + wfm.getWorkflowVariables() + "): regenerate test-workflows/ with TestWorkflowGenerator");
            return variable;
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }


    private static Set<Integer> layers(final String list) {
        final Set<Integer> layers = new TreeSet<>();
        for (final String layer : StringUtils.split(list, ',')) {
            layers.add(Integer.parseInt(layer.trim()));
        }
        return layers;
    }

    private static Set<Integer> column(final BufferedDataTable table, final String name) {
        final int i = table.getDataTableSpec().findColumnIndex(name);
        assertTrue(i >= 0, "no column " + name + " in " + table.getDataTableSpec());
        final Set<Integer> values = new TreeSet<>();
        for (final DataRow row : table) {
            values.add(((IntValue)row.getCell(i)).getIntValue());
        }
        return values;
    }

    /** A copy of the committed workflow under {@link #copies}: a run must never touch the committed files. */
    private static Path copy(final Path from, final String purpose) throws Exception {
        final Path to = copies.resolve(purpose).resolve(from.getFileName().toString());
        TestWorkflowsTest.copy(from, to);
        return to;
    }
}
