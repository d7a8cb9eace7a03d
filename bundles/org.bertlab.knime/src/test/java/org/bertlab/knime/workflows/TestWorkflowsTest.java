package org.bertlab.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.bertlab.knime.port.ModelCache;
import org.bertlab.knime.testing.KnimeTestRuntime;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
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
            // one row per layer (0, 2, 4), direction (en→zh, zh→en) and centring (raw, and centred: "Also evaluate
            // centred vectors" is ticked, as by default)
            assertEquals(3 * 2 * 2, table(wfm, "Dictionary MRR", 0).size(), "MRR metric rows");
            assertTrue(table(wfm, "Dictionary MRR", 1).size() > 0, "MRR ranks");
            for (int port = 0; port < 3; port++) {
                assertTrue(table(wfm, "Language Offset", port).size() > 0, "offset table " + port);
            }
        });
        CHECKS.put("artificial-pretraining", wfm -> {
            assertEquals(1, nodes(wfm, "Fine-Tune").stream().filter(nc -> nc.getNodeAnnotation().getText()
                .startsWith("Pre-train a tiny BERT")).count());
            for (final NodeContainer nc : nodes(wfm, "Fine-Tune")) {
                assertEquals(1, table(nc, 1).size(), "one epoch row of " + nc.getNodeAnnotation().getText());
            }
        });
        CHECKS.put("dna-cross-discipline", wfm -> {
            final BufferedDataTable out = table(wfm, "BERT Predictor", 0);
            assertEquals(TestWorkflowGenerator.DNA_ROWS, out.size());
            assertNonMissing(out, "prediction");
            assertNonMissing(out, "score");
        });
        CHECKS.put("zero-shot", wfm -> {
            final BufferedDataTable out = table(wfm, "BERT Predictor", 0);
            assertEquals(TestWorkflowGenerator.TOPIC_ROWS, out.size());
            assertNonMissing(out, "prediction");
            for (final DataRow row : out) {
                final String label = row.getCell(out.getDataTableSpec().findColumnIndex("prediction")).toString();
                assertTrue(List.of("food", "weather", "sport", "animals").contains(label), label);
            }
        });
        CHECKS.put("zero-shot-qa", wfm -> {
            // scored on the Chinese validation table: exact match and F1 are numbers, not NaN
            final BufferedDataTable stats = table(wfm, "Fine-Tune", 1);
            assertEquals(1, stats.size(), "one epoch");
            for (final String metric : new String[]{"exact match", "F1"}) {
                final int i = stats.getDataTableSpec().findColumnIndex(metric);
                for (final DataRow row : stats) {
                    final double value = ((DoubleValue)row.getCell(i)).getDoubleValue();
                    assertTrue(value >= 0 && value <= 1, metric + " " + value);
                }
            }
            final BufferedDataTable answers = table(wfm, "BERT Predictor", 0);
            assertEquals(TestWorkflowGenerator.QA_TEST_ROWS, answers.size());
            assertNonMissing(answers, "answer");
            final int context = answers.getDataTableSpec().findColumnIndex("context");
            final int answer = answers.getDataTableSpec().findColumnIndex("answer");
            for (final DataRow row : answers) {
                // an extractive answer is a span of its paragraph
                assertTrue(row.getCell(context).toString().contains(row.getCell(answer).toString()), row.getKey()
                    + ": " + row.getCell(answer));
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
        CHECKS.put("node-example-data", wfm -> {
            final List<NodeContainer> all = nodes(wfm, "Example Data");
            assertEquals(TestWorkflowGenerator.DATA_SET_SIZES.size(), all.size());
            for (final NodeContainer nc : all) {
                final String set = nc.getNodeAnnotation().getText();
                assertEquals(TestWorkflowGenerator.DATA_SET_SIZES.get(set), (int)table(nc, 0).size(), set);
            }
        });
        CHECKS.put("node-dictionary-mrr-static", wfm -> {
            // static vectors come from the embedding layer only: one row per direction, raw and centred
            assertEquals(2 * 2, table(wfm, "Dictionary MRR", 0).size());
            assertTrue(table(wfm, "Dictionary MRR", 1).size() > 2 * 300, "a rank per pair and direction");
        });
        CHECKS.put("node-token-embedding-per-token", wfm -> {
            final BufferedDataTable out = table(wfm, "Token Embedding", 0);
            assertTrue(out.size() > 4 * 5, "one row per token of 4 sentences: " + out.size());
            assertNonMissing(out, "token");
            assertNonMissing(out, "layer 0");
            assertNonMissing(out, "layer 4");
        });
        CHECKS.put("node-token-mapper-random", wfm -> {
            final BufferedDataTable out = table(wfm, "Token Mapper", 1);
            assertEquals(TestWorkflowGenerator.DNA_ROWS, out.size());
            assertNonMissing(out, "mapped text");
        });
    }

    @TestFactory
    Stream<DynamicTest> loadExecuteSaveLoadExecute() throws Exception {
        KnimeTestRuntime.start();
        final Path root = TestWorkflowGenerator.workflowsFolder();
        final List<Path> flows = shippedWorkflows(root);
        return flows.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    /**
     * The build's {@code .knwf} exports (build-support/WorkflowExports.java) as File > Import KNIME Workflow reads
     * them: a zip whose one top-level folder is the workflow, holding exactly the workflow's files, which loads
     * with every node found.
     */
    @TestFactory
    Stream<DynamicTest> exportsUnzipAndLoad() throws Exception {
        KnimeTestRuntime.start();
        final Path root = TestWorkflowGenerator.workflowsFolder();
        final List<Path> flows = shippedWorkflows(root);
        return flows.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName() + ".knwf", () -> {
            final String name = dir.getFileName().toString();
            final Path knwf = root.resolve("target").resolve(name + ".knwf");
            assertTrue(Files.isRegularFile(knwf), knwf + " was not written by the build");
            final Path unzipped = copies.resolve("exports").resolve(name);
            final List<String> files = new ArrayList<>();
            try (ZipFile zip = new ZipFile(knwf.toFile())) {
                for (final ZipEntry e : java.util.Collections.list(zip.entries())) {
                    assertTrue(e.getName().equals(name + "/") || e.getName().startsWith(name + "/"),
                        knwf + ": entry outside the workflow folder: " + e.getName());
                    final Path target = unzipped.resolve(e.getName()).normalize();
                    assertTrue(target.startsWith(unzipped), e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(e)) {
                            Files.copy(in, target);
                        }
                        files.add(e.getName().substring(name.length() + 1));
                    }
                }
            }
            final List<String> expected;
            try (Stream<Path> walk = Files.walk(dir)) {
                expected = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()
                    .replace(File.separatorChar, '/')).sorted().toList();
            }
            assertEquals(expected, files.stream().sorted().toList(), knwf + " holds the workflow's files");
            final WorkflowManager wfm = load(unzipped.resolve(name));
            try {
                final long nodeFolders = expected.stream().filter(f -> f.matches("[^/]+ \\(#\\d+\\)/settings\\.xml"))
                    .count();
                assertEquals(nodeFolders, wfm.getNodeContainers().size(), "one node per node folder");
            } finally {
                WorkflowManager.ROOT.removeProject(wfm.getID());
            }
        }));
    }

    private static void run(final Path committed) throws Exception {
        final String name = committed.getFileName().toString();
        // work on a copy: executing and saving must never touch the committed files
        final Path work = copies.resolve(name);
        copy(committed, work);
        final int openModels = ModelCache.openModels();
        final WorkflowManager first = load(work);
        try {
            executeAndCheck(first, name);
            first.save(work.toFile(), new ExecutionMonitor(), true);
        } finally {
            WorkflowManager.ROOT.removeProject(first.getID());
        }
        assertEquals(openModels, ModelCache.openModels(), name + ": closing the workflow frees its models");
        final long loads = ModelCache.loads();
        final WorkflowManager second = load(work);
        try {
            assertEquals(loads, ModelCache.loads(), name + ": opening the executed workflow built a model");
            assertEquals(openModels, ModelCache.openModels(), name + ": opening the executed workflow built a model");
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

    /** Loads a workflow as KNIME AP opens a local one, failing on load errors and on nodes whose factory is missing. */
    static WorkflowManager load(final Path dir) throws Exception {
        final WorkflowLoadResult result = WorkflowManager.loadProject(dir.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(dir, null)));
        assertNotEquals(LoadResultEntryType.Error, result.getType(),
            dir + ": " + result.getFilteredError("", LoadResultEntryType.Warning));
        final WorkflowManager wfm = result.getWorkflowManager();
        assertNotNull(wfm);
        for (final NodeContainer nc : wfm.getNodeContainers()) {
            assertFalse(nc.getName().startsWith("MISSING"), dir + ": node factory not found for " + nc.getNameWithID());
            // a user has our nodes and KNIME core's, nothing from the test sources
            final String factory = ((NativeNodeContainer)nc).getNode().getFactory().getClass().getName();
            assertTrue(factory.startsWith("org.bertlab.knime.nodes.") || factory.startsWith("org.knime.core."),
                dir + ": " + nc.getNameWithID() + " is made by " + factory);
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

    /** The workflow folders under {@code root}, sorted; at least one. */
    static List<Path> shippedWorkflows(final Path root) throws Exception {
        final List<Path> flows = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().forEach(flows::add);
        }
        assertFalse(flows.isEmpty(), "no workflows in " + root);
        return flows;
    }

    /** Copies a folder tree (a workflow) to {@code to}. */
    static void copy(final Path from, final Path to) throws Exception {
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
