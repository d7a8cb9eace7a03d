package org.bertlab.knime.util;

import org.bertlab.core.model.BertModel;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.streamable.BufferedDataTableRowOutput;
import org.knime.core.node.streamable.DataTableRowInput;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.RowInput;
import org.knime.core.node.streamable.RowOutput;
import org.knime.core.node.streamable.StreamableOperator;

/**
 * A node with a BERT model at port 0 and a table at port 1 that it processes row by row into one output table: the
 * model port is read whole, the table streams through in batches, and execute and KNIME's streaming executor run
 * the same {@link #process} path.
 */
public abstract class RowWiseBertNodeModel<S extends SettingsBase> extends BertNodeModel<S> {

    protected RowWiseBertNodeModel(final PortType[] in, final PortType[] out, final S settings) {
        super(in, out, settings);
    }

    /** What the node does, for the out-of-memory message ("embedding the texts"). */
    protected abstract String work();

    /** What the user can make smaller when memory runs out, in dialog labels. */
    protected abstract String smaller();

    /** Where this node runs the model. */
    protected abstract DeviceSettings device();

    /** The output table's spec for the input table's and the model's. */
    protected abstract org.knime.core.data.DataTableSpec outputSpec(BertModel model,
        org.knime.core.data.DataTableSpec in) throws InvalidSettingsException;

    /**
     * Processes every row of {@code in} onto {@code out}.
     *
     * @param total the number of rows if known (progress as a fraction), else -1
     */
    protected abstract void process(BertModel model, RowInput in, RowOutput out, long total, ExecutionContext exec)
        throws Exception;

    @Override
    protected final PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final BertModel model = model(in[0], device());
        final BufferedDataTable table = (BufferedDataTable)in[1];
        final BufferedDataTableRowOutput out = new BufferedDataTableRowOutput(
            exec.createDataContainer(outputSpec(model, table.getDataTableSpec())));
        run(work(), smaller(), () -> {
            process(model, new DataTableRowInput(table), out, table.size(), exec);
            return null;
        });
        return new PortObject[]{out.getDataTable()};
    }

    @Override
    public final InputPortRole[] getInputPortRoles() {
        return new InputPortRole[]{InputPortRole.NONDISTRIBUTED_NONSTREAMABLE, InputPortRole.DISTRIBUTED_STREAMABLE};
    }

    @Override
    public final OutputPortRole[] getOutputPortRoles() {
        return new OutputPortRole[]{OutputPortRole.DISTRIBUTED};
    }

    @Override
    public final StreamableOperator createStreamableOperator(final PartitionInfo partitionInfo,
        final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new StreamableOperator() {
            @Override
            public void runFinal(final PortInput[] inputs, final PortOutput[] outputs, final ExecutionContext exec)
                throws Exception {
                final BertModel model = model(((PortObjectInput)inputs[0]).getPortObject(), device());
                run(work(), smaller(), () -> {
                    process(model, (RowInput)inputs[1], (RowOutput)outputs[0], -1, exec);
                    return null;
                });
            }
        };
    }
}
