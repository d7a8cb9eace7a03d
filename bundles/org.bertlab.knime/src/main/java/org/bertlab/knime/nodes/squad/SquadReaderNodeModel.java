package org.bertlab.knime.nodes.squad;

import java.io.IOException;
import java.nio.file.Path;

import org.bertlab.core.train.SquadJson;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.OutOfMemory;
import org.bertlab.knime.util.QaTables;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Reads a SQuAD v1.1 (or DRCD) JSON file with the engine's {@link SquadJson} into the QA table of {@link QaTables}.
 * Questions the reader leaves out (an answer not at its offset, no answer) are counted in the node's warning with
 * the first of them named; a file that is not SQuAD JSON fails with the reader's message, which names the file,
 * the item and what is wrong.
 */
final class SquadReaderNodeModel extends BertNodeModel<SquadReaderSettings> {

    /** Left-out questions named in the warning; the rest are counted. */
    private static final int NAMED_PROBLEMS = 3;

    SquadReaderNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, new SquadReaderSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.file();
        return new PortObjectSpec[]{QaTables.SPEC};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final Path file = m_settings.file();
        return OutOfMemory.guard("reading " + file, "a smaller file", () -> {
            final SquadJson.Contents contents;
            try {
                contents = SquadJson.read(file);
            } catch (IOException e) {
                // the reader's message names the file, the item and the fault; the class name would only add noise
                throw new IOException(e.getMessage() + " (the SQuAD Reader takes the SQuAD v1.1 JSON format, "
                    + "which DRCD uses too)", e);
            }
            if (!contents.problems().isEmpty()) {
                final int n = contents.problems().size();
                setWarningMessage(n + " question(s) left out: " + String.join("; ",
                    contents.problems().subList(0, Math.min(NAMED_PROBLEMS, n))) + (n > NAMED_PROBLEMS ? "; …"
                        : ""));
            }
            return new PortObject[]{QaTables.table(contents.items(), 0, exec)};
        });
    }
}
