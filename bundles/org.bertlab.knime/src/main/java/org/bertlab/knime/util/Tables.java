package org.bertlab.knime.util;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;

/** Column look-ups with errors that name the dialog field. */
public final class Tables {

    /** The "no column" choice of optional column selections. */
    public static final String NONE = "<none>";

    private Tables() {
    }

    public static int column(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        if (name == null || name.isEmpty()) {
            throw new InvalidSettingsException("\"" + label + "\": choose a column");
        }
        final int index = spec.findColumnIndex(name);
        if (index < 0) {
            throw new InvalidSettingsException("\"" + label + "\": the input has no column \"" + name + "\"");
        }
        return index;
    }

    /** -1 when the optional column is not chosen. */
    public static int optionalColumn(final DataTableSpec spec, final String name, final String label)
        throws InvalidSettingsException {
        return name == null || name.isEmpty() || NONE.equals(name) ? -1 : column(spec, name, label);
    }

    public static String missingWarning(final long skipped, final String what) {
        return skipped == 0 ? null : skipped + " row(s) skipped: missing " + what;
    }
}
