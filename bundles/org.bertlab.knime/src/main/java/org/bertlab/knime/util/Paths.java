package org.bertlab.knime.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.workflow.NodeContext;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.FileUtil;
import org.knime.core.util.urlresolve.KnimeUrlResolver;

/**
 * Local paths from what users type: a plain path, a {@code file:} URL, or a KNIME URL such as
 * {@code knime://knime.workflow/../models/x} (workflow-relative) or {@code knime://knime.mountpoint/models/x}.
 */
public final class Paths {

    /**
     * Parses {@code knime:} URLs without a registered protocol handler: in KNIME AP the explorer plug-in registers
     * one, but executors with knime-core alone do not, and resolution goes through knime-core's
     * {@link KnimeUrlResolver} either way.
     */
    private static final URLStreamHandler PARSE_ONLY = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            throw new IOException("resolve " + u + " before opening it");
        }
    };

    private Paths() {
    }

    public static Path resolve(final String text, final String label) throws InvalidSettingsException {
        try {
            if (text.regionMatches(true, 0, "knime:", 0, 6)) {
                return knimeUrl(text, label);
            }
            if (text.contains("://") || text.startsWith("file:")) {
                final Path path = FileUtil.resolveToPath(FileUtil.toURL(text));
                if (path == null) {
                    throw new InvalidSettingsException("\"" + label + "\": " + text + " is not a local folder");
                }
                return path;
            }
            return Path.of(text);
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidSettingsException("\"" + label + "\": cannot resolve " + text + ": " + e.getMessage(), e);
        }
    }

    /** A KNIME URL, resolved against the workflow of the node that is running (its location, mount point). */
    private static Path knimeUrl(final String text, final String label) throws Exception {
        final WorkflowContextV2 context = NodeContext.getContextOptional()
            .flatMap(c -> c.getContextObjectForClass(WorkflowContextV2.class)).orElse(null);
        final URL url;
        try {
            url = new URL(null, text.replace(" ", "%20"), PARSE_ONLY);
        } catch (MalformedURLException e) {
            throw new InvalidSettingsException("\"" + label + "\": " + text + " is not a valid KNIME URL", e);
        }
        final URL resolved = KnimeUrlResolver.getResolver(context).resolve(url);
        if (!"file".equalsIgnoreCase(resolved.getProtocol())) {
            throw new InvalidSettingsException("\"" + label + "\": " + text + " resolves to " + resolved
                + ", which is not a local folder; copy the model to a folder this machine can read");
        }
        return Path.of(resolved.toURI());
    }
}
