package org.bertlab.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.bertlab.knime.testing.KnimeTestRuntime;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType;
import org.knime.core.node.workflow.WorkflowPersistor.WorkflowLoadResult;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/**
 * Every workflow of {@code test-workflows/}, as KNIME's testflow runner treats it: load, execute headless, check
 * that every node executed and the key outputs, save, load the saved copy (its results must come back executed),
 * reset, execute again and check again.
 */
class TestWorkflowsTest {

    /** The executed and saved copies of the workflows; JUnit deletes it after the last workflow. */
    @TempDir
    static Path copies;

    /** Output checks per workflow; a workflow without an entry is only checked for executed nodes. */
    static final Map<String, Consumer<WorkflowManager>> CHECKS = new HashMap<>();

    static {
        CHECKS.put("cross-lingual", wfm -> {
            // one row per layer (0, 2, 4) and direction (en→zh, zh→en)
            assertEquals(3 * 2, table(wfm, "Dictionary MRR", 0).size(), "MRR metric rows");
            assertTrue(table(wfm, "Dictionary MRR", 1).size() > 0, "MRR ranks");
            for (int port = 0; port < 3; port++) {
                assertTrue(table(wfm, "Language Offset", port).size() > 0, "offset table " + port);
            }
        });
        CHECKS.put("artificial-pretraining", wfm -> {
            assertEquals(1, nodes(wfm, "Fine-Tune").stream().filter(nc -> "Pre-train a tiny BERT"
                .equals(nc.getNodeAnnotation().getText())).count());
            for (final NodeContainer nc : nodes(wfm, "Fine-Tune")) {
                assertEquals(1, table(nc, 1).size(), "one epoch row of " + nc.getNodeAnnotation().getText());
            }
        });
        CHECKS.put("dna-cross-discipline", wfm -> {
            final BufferedDataTable out = table(wfm, "BERT Predictor", 0);
            assertEquals(24, out.size());
            assertNonMissing(out, "prediction");
            assertNonMissing(out, "score");
        });
        CHECKS.put("zero-shot", wfm -> {
            final BufferedDataTable out = table(wfm, "BERT Predictor", 0);
            assertEquals(TestWorkflowGenerator.REVIEWS_ZH.length, out.size());
            assertNonMissing(out, "prediction");
            for (final DataRow row : out) {
                final String label = row.getCell(out.getDataTableSpec().findColumnIndex("prediction")).toString();
                assertTrue(label.equals("pos") || label.equals("neg"), label);
            }
        });
        CHECKS.put("node-corpus-generator", wfm -> {
            for (final NodeContainer nc : nodes(wfm, "Artificial Corpus Generator")) {
                final BufferedDataTable out = table(nc, 0);
                assertEquals(10, out.size(), nc.getNodeAnnotation().getText());
                assertNonMissing(out, "sequence");
                if ("dna".equals(nc.getNodeAnnotation().getText())) {
                    assertNonMissing(out, "label");
                }
            }
        });
        CHECKS.put("node-dictionary-mrr-missing-cells", wfm -> {
            // static vectors come from the embedding layer only: one row per direction
            assertEquals(2, table(wfm, "Dictionary MRR", 0).size());
            assertWarning(wfm, "Dictionary MRR");
        });
        CHECKS.put("node-token-embedding-missing-cells", wfm -> {
            final BufferedDataTable out = table(wfm, "Token Embedding", 0);
            assertEquals(3, out.size(), "every input row, the one without text with a missing vector");
            final List<DataRow> rows = new ArrayList<>();
            out.forEach(rows::add);
            assertTrue(rows.get(1).getCell(1).isMissing() && !rows.get(0).getCell(1).isMissing());
            assertWarning(wfm, "Token Embedding");
        });
        CHECKS.put("node-token-mapper-unknown-symbols", wfm -> {
            assertWarning(wfm, "Token Mapper");
        });
    }

    @TestFactory
    Stream<DynamicTest> loadExecuteSaveLoadExecute() throws Exception {
        KnimeTestRuntime.start();
        final Path root = TestWorkflowGenerator.workflowsFolder();
        final List<Path> flows = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().forEach(flows::add);
        }
        assertFalse(flows.isEmpty(), "no workflows in " + root);
        return flows.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    private static void run(final Path committed) throws Exception {
        final String name = committed.getFileName().toString();
        // work on a copy: executing and saving must never touch the committed files
        final Path work = copies.resolve(name);
        copy(committed, work);
        final WorkflowManager first = load(work);
        try {
            executeAndCheck(first, name);
            first.save(work.toFile(), new ExecutionMonitor(), true);
        } finally {
            WorkflowManager.ROOT.removeProject(first.getID());
        }
        final WorkflowManager second = load(work);
        try {
            for (final NodeContainer nc : second.getNodeContainers()) {
                assertTrue(nc.getNodeContainerState().isExecuted(), name + ": reloaded " + nc.getNameWithID()
                    + " is " + nc.getNodeContainerState());
            }
            CHECKS.getOrDefault(name, w -> { }).accept(second);
            second.resetAndConfigureAll();
            executeAndCheck(second, name);
        } finally {
            WorkflowManager.ROOT.removeProject(second.getID());
        }
    }

    private static WorkflowManager load(final Path dir) throws Exception {
        final WorkflowLoadResult result = WorkflowManager.loadProject(dir.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(dir, null)));
        assertNotEquals(LoadResultEntryType.Error, result.getType(),
            dir + ": " + result.getFilteredError("", LoadResultEntryType.Warning));
        final WorkflowManager wfm = result.getWorkflowManager();
        assertNotNull(wfm);
        for (final NodeContainer nc : wfm.getNodeContainers()) {
            assertFalse(nc.getName().startsWith("MISSING"), dir + ": node factory not found for " + nc.getNameWithID());
        }
        return wfm;
    }

    private static void executeAndCheck(final WorkflowManager wfm, final String name) {
        final boolean ok = wfm.executeAllAndWaitUntilDone();
        final StringBuilder states = new StringBuilder();
        for (final NodeContainer nc : wfm.getNodeContainers()) {
            if (!nc.getNodeContainerState().isExecuted()) {
                states.append("\n  ").append(nc.getNameWithID()).append(": ").append(nc.getNodeContainerState())
                    .append(' ').append(nc.getNodeMessage().getMessage());
            }
        }
        assertTrue(ok && states.isEmpty(), name + ": not executed:" + states);
        CHECKS.getOrDefault(name, w -> { }).accept(wfm);
    }

    static List<NodeContainer> nodes(final WorkflowManager wfm, final String nodeName) {
        final List<NodeContainer> found = wfm.getNodeContainers().stream()
            .filter(nc -> nc.getName().equals(nodeName)).toList();
        assertFalse(found.isEmpty(), "no node " + nodeName);
        return found;
    }

    static BufferedDataTable table(final WorkflowManager wfm, final String nodeName, final int port) {
        return table(nodes(wfm, nodeName).get(0), port);
    }

    /** Output data port {@code port} counted from 0 (KNIME's port 0 is flow variables). */
    static BufferedDataTable table(final NodeContainer nc, final int port) {
        return (BufferedDataTable)nc.getOutPort(port + 1).getPortObject();
    }

    static void assertNonMissing(final BufferedDataTable table, final String column) {
        final DataTableSpec spec = table.getDataTableSpec();
        final int i = spec.findColumnIndex(column);
        assertTrue(i >= 0, "no column " + column + " in " + spec);
        for (final DataRow row : table) {
            assertFalse(row.getCell(i).isMissing(), column + " missing in " + row.getKey());
        }
    }

    static void assertWarning(final WorkflowManager wfm, final String nodeName) {
        final NodeContainer nc = nodes(wfm, nodeName).get(0);
        assertEquals(NodeMessage.Type.WARNING, nc.getNodeMessage().getMessageType(), nc.getNodeMessage().getMessage());
    }

    private static void copy(final Path from, final Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (final Path p : walk.toList()) {
                final Path target = to.resolve(from.relativize(p).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
