package org.bertlab.knime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.filestore.internal.NotInWorkflowDataRepository;
import org.knime.core.data.filestore.internal.NotInWorkflowWriteFileStoreHandler;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.Node;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeProgressMonitor;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortUtil;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.RowInput;
import org.knime.core.node.streamable.RowOutput;
import org.knime.core.node.streamable.StreamableOperator;
import org.knime.core.node.workflow.FlowObjectStack;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.SingleNodeContainer;

/** Execution contexts, tables and round trips, built the way knime-core's own unit tests build them. */
public final class NodeTesting {

    private NodeTesting() {
    }

    @SuppressWarnings({"rawtypes"})
    public static ExecutionContext exec(final NodeFactory factory) throws Exception {
        return exec(factory, new DefaultNodeProgressMonitor());
    }

    /** An execution context on the given monitor, e.g. {@link #cancelAtCheck}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static ExecutionContext exec(final NodeFactory factory, final NodeProgressMonitor monitor)
        throws Exception {
        KnimeTestRuntime.start();
        final Node node = new Node(factory);
        // as a workflow gives each node: a place for the file stores it writes (a model port's weights)
        final NotInWorkflowWriteFileStoreHandler fileStores = NotInWorkflowWriteFileStoreHandler.create();
        fileStores.open();
        node.setFileStoreHandler(fileStores);
        return new ExecutionContext(monitor, node, SingleNodeContainer.MemoryPolicy.CacheSmallInMemory,
            NotInWorkflowDataRepository.newInstance());
    }

    /**
     * A monitor whose user presses cancel just before its {@code n}-th cancel check: the node is stopped at that
     * point of its work, as in KNIME, where cancel marks the monitor the node checks.
     */
    public static DefaultNodeProgressMonitor cancelAtCheck(final int n) {
        return new DefaultNodeProgressMonitor() {
            private int m_checks;

            @Override
            public void checkCanceled() throws CanceledExecutionException {
                if (++m_checks == n) {
                    setExecuteCanceled();
                }
                super.checkCanceled();
            }
        };
    }

    /** A table of string columns; null values become missing cells; keys Row0, Row1, ... */
    public static BufferedDataTable strings(final ExecutionContext exec, final String[] columns,
        final String[]... rows) {
        final DataTableSpec spec = spec(columns);
        final BufferedDataContainer c = exec.createDataContainer(spec);
        for (int r = 0; r < rows.length; r++) {
            final List<DataCell> cells = new ArrayList<>();
            for (final String v : rows[r]) {
                cells.add(v == null ? DataType.getMissingCell() : new StringCell(v));
            }
            c.addRowToTable(new DefaultRow(RowKey.createRowKey((long)r), cells));
        }
        c.close();
        return c.getTable();
    }

    public static DataTableSpec spec(final String... columns) {
        return new DataTableSpec(java.util.Arrays.stream(columns)
            .map(n -> new DataColumnSpecCreator(n, StringCell.TYPE).createSpec())
            .toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    public static List<DataRow> rows(final BufferedDataTable table) {
        final List<DataRow> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }

    /**
     * Saves the model's settings, loads them into a fresh model through validate + load, saves again and compares.
     */
    public static void assertSettingsRoundTrip(final NodeModel model, final NodeModel fresh) throws Exception {
        final NodeSettings saved = new NodeSettings("model");
        invoke(model, "saveSettingsTo", saved);
        invoke(fresh, "validateSettings", saved);
        invoke(fresh, "loadValidatedSettingsFrom", saved);
        final NodeSettings again = new NodeSettings("model");
        invoke(fresh, "saveSettingsTo", again);
        assertEquals(saved.toString(), again.toString(), "settings after save -> load -> save");
    }

    /**
     * Puts the node's settings through its dialog as a user who opens it and presses OK: the dialog's settings models
     * and components load them with the input specs, the dialog saves what its components hold (e.g. null for a
     * column drop-down's {@code <none>}, not the text), and the node validates and loads that.
     *
     * @return what the dialog wrote
     */
    public static NodeSettings throughDialog(final NodeModel model, final DefaultNodeSettingsPane dialog,
        final PortObjectSpec... specs) throws Exception {
        final NodeSettings current = new NodeSettings("model");
        invoke(model, "saveSettingsTo", current);
        dialog.loadSettingsFrom(current, specs);
        final NodeSettings written = new NodeSettings("model");
        dialog.saveSettingsTo(written);
        invoke(model, "validateSettings", written);
        invoke(model, "loadValidatedSettingsFrom", written);
        return written;
    }

    /** Executes a node's model as KNIME does (for models whose execute is inherited from a shared base class). */
    public static PortObject[] execute(final NodeModel model, final PortObject[] in, final ExecutionContext exec)
        throws Exception {
        final java.lang.reflect.Method execute =
            NodeModel.class.getDeclaredMethod("execute", PortObject[].class, ExecutionContext.class);
        execute.setAccessible(true);
        try {
            return (PortObject[])execute.invoke(model, in, exec);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Resets a node as KNIME does before it executes again or when an upstream node changes. */
    public static void reset(final NodeModel model) throws Exception {
        final java.lang.reflect.Method reset = NodeModel.class.getDeclaredMethod("reset");
        reset.setAccessible(true);
        reset.invoke(model);
    }

    /** Writes a port object with KNIME's serializers and reads it back. */
    public static PortObject roundTrip(final PortObject object) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PortUtil.writeObjectToStream(object, bytes, new ExecutionMonitor());
        return PortUtil.readObjectFromStream(new ByteArrayInputStream(bytes.toByteArray()), new ExecutionMonitor());
    }

    /**
     * Runs a node's streamable operator as KNIME's streaming executor would: the table's rows are handed one by one
     * through a row input that does not know their count, the port objects whole; returns the rows pushed to each
     * table output.
     */
    public static List<List<DataRow>> stream(final NodeModel model, final PortObject[] in, final ExecutionContext exec)
        throws Exception {
        final PortObjectSpec[] specs = new PortObjectSpec[in.length];
        final PortInput[] inputs = new PortInput[in.length];
        for (int i = 0; i < in.length; i++) {
            specs[i] = in[i].getSpec();
            if (in[i] instanceof BufferedDataTable table) {
                final java.util.Iterator<DataRow> rows = table.iterator();
                inputs[i] = new RowInput() {
                    @Override
                    public DataTableSpec getDataTableSpec() {
                        return table.getDataTableSpec();
                    }

                    @Override
                    public DataRow poll() {
                        return rows.hasNext() ? rows.next() : null;
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                };
            } else {
                inputs[i] = new PortObjectInput(in[i]);
            }
        }
        final StreamableOperator operator = model.createStreamableOperator(new PartitionInfo(0, 1), specs);
        final List<List<DataRow>> pushed = new ArrayList<>();
        final PortOutput[] outputs = new PortOutput[1];
        pushed.add(new ArrayList<>());
        final boolean[] closed = {false};
        outputs[0] = new RowOutput() {
            @Override
            public void push(final DataRow row) {
                pushed.get(0).add(row);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        operator.runFinal(inputs, outputs, exec);
        assertEquals(true, closed[0], "the operator closes its output");
        return pushed;
    }

    /**
     * Gives a node model outside a workflow the flow variable stacks a workflow gives it, so that it can push
     * variables; returns the stack its pushed variables land on.
     */
    public static FlowObjectStack flowVariables(final NodeModel model) throws Exception {
        final FlowObjectStack in = FlowObjectStack.createFromFlowVariableList(List.of(), new NodeID(0));
        final FlowObjectStack out = FlowObjectStack.createFromFlowVariableList(List.of(), new NodeID(0));
        final java.lang.reflect.Method set =
            NodeModel.class.getDeclaredMethod("setFlowObjectStack", FlowObjectStack.class, FlowObjectStack.class);
        set.setAccessible(true);
        set.invoke(model, in, out);
        return out;
    }

    private static void invoke(final NodeModel model, final String method, final NodeSettings settings)
        throws Exception {
        final Class<?> type = method.equals("saveSettingsTo") ? org.knime.core.node.NodeSettingsWO.class
            : org.knime.core.node.NodeSettingsRO.class;
        final java.lang.reflect.Method m = NodeModel.class.getDeclaredMethod(method, type);
        m.setAccessible(true);
        try {
            m.invoke(model, settings);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
