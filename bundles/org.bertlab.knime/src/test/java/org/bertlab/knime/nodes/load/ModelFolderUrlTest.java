package org.bertlab.knime.nodes.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.testing.KnimeExtension;
import org.bertlab.knime.testing.Models;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/**
 * A model folder given as a workflow-relative {@code knime://} URL, as users of shared workflows write it, resolved
 * by KNIME's own URL handling while the node runs inside its workflow.
 */
@ExtendWith(KnimeExtension.class)
class ModelFolderUrlTest {

    @TempDir
    static Path root;

    /** A model folder beside the workflows' folder, where a shared project keeps it. */
    @BeforeAll
    static void modelBesideTheWorkflow() throws Exception {
        Models.model(Models.defaultModel()).save(root.resolve("models").resolve("bge"));
    }

    @Test
    void aWorkflowRelativeUrlFindsTheFolderBesideTheWorkflow() throws Exception {
        assertLoadsTheModelBesideTheWorkflow("knime://knime.workflow/../../models/bge");
    }

    @Test
    void aMountpointRelativeUrlFindsTheFolderInTheSameSpace() throws Exception {
        assertLoadsTheModelBesideTheWorkflow("knime://knime.mountpoint/models/bge");
    }

    private static void assertLoadsTheModelBesideTheWorkflow(final String url) throws Exception {
        final Path folder = root.resolve("models").resolve("bge");
        runLoadBert(url, (wfm, id) -> {
            assertTrue(wfm.getNodeContainer(id).getNodeContainerState().isExecuted(),
                wfm.getNodeContainer(id).getNodeMessage().getMessage());
            final BertModelPortObject port = (BertModelPortObject)node(wfm, id).getOutPort(1).getPortObject();
            final BertModelPortObjectSpec spec = port.getSpec();
            assertEquals(folder.toRealPath().toString(), Path.of(spec.getSource()).toRealPath().toString());
            assertFalse(port.isStored(), "referenced, as set");
        });
    }

    @Test
    void aUrlToNoFolderFailsNamingTheField() throws Exception {
        runLoadBert("knime://knime.workflow/../../models/missing", (wfm, id) -> {
            assertFalse(wfm.getNodeContainer(id).getNodeContainerState().isExecuted());
            final String message = wfm.getNodeContainer(id).getNodeMessage().getMessage();
            assertTrue(message.contains(LoadBertSettings.LABEL_FOLDER), message);
        });
    }

    private interface Check {
        void accept(WorkflowManager wfm, NodeID id) throws Exception;
    }

    private static NativeNodeContainer node(final WorkflowManager wfm, final NodeID id) {
        return (NativeNodeContainer)wfm.getNodeContainer(id);
    }

    private static void runLoadBert(final String url, final Check check) throws Exception {
        final Path flow = Files.createDirectories(root.resolve("flows").resolve("uses-a-model"));
        // a workflow in the local workspace (mount point LOCAL at root), as KNIME AP opens one
        final WorkflowContextV2 context = WorkflowContextV2.builder()
            .withAnalyticsPlatformExecutor(exec -> exec.withCurrentUserAsUserId().withLocalWorkflowPath(flow)
                .withMountpoint("LOCAL", root))
            .withLocalLocation().build();
        final WorkflowManager wfm =
            WorkflowManager.ROOT.createAndAddProject("uses-a-model", new WorkflowCreationHelper(context));
        try {
            final NodeID id = wfm.createAndAddNode(new LoadBertNodeFactory());
            final NodeSettings all = wfm.getNodeContainer(id).getNodeSettings();
            final NodeSettings model = (NodeSettings)all.getNodeSettings("model");
            model.addBoolean(LoadBertSettings.KEY_USE_DEFAULT, false);
            model.addString(LoadBertSettings.KEY_FOLDER, url);
            model.addBoolean(LoadBertSettings.KEY_STORE_WEIGHTS, false);
            wfm.loadNodeSettings(id, all);
            wfm.executeAllAndWaitUntilDone();
            check.accept(wfm, id);
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }
}
