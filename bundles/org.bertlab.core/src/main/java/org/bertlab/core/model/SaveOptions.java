package org.bertlab.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * How {@link BertModel#save(Path, SaveOptions)} treats the target folder (see
 * {@link org.bertlab.core.io.OutputFolder}).
 *
 * @param overwrite whether the model may be written into an existing non-empty folder that the engine did not write
 * (even then only the model's own files are replaced); off by default, a node's "overwrite" setting
 * @param inputs files and folders the run read, which the saved model must not replace
 * @param extraFiles more files to save beside the model (e.g. training statistics), by plain file name
 */
public record SaveOptions(boolean overwrite, List<Path> inputs, Map<String, byte[]> extraFiles) {

    /** No overwriting, no inputs to protect besides the model's own folder, no extra files. */
    public static final SaveOptions DEFAULT = new SaveOptions(false, List.of(), Map.of());

    public SaveOptions {
        inputs = List.copyOf(inputs.stream().filter(Objects::nonNull).toList());
        for (final String name : extraFiles.keySet()) {
            Validate.isTrue(!name.isEmpty() && !name.startsWith(".") && StringUtils.containsNone(name, '/', '\\'),
                "an extra file needs a plain file name, got '%s'", name);
            Validate.isTrue(!ModelWriter.MODEL_FILES.contains(name), "'%s' is a model file, not an extra file", name);
        }
        extraFiles = Map.copyOf(new LinkedHashMap<>(extraFiles));
    }

    /** The same options with overwriting allowed or not. */
    public SaveOptions withOverwrite(final boolean allow) {
        return new SaveOptions(allow, inputs, extraFiles);
    }

    /** The same options protecting more inputs. */
    public SaveOptions withInputs(final Path... more) {
        final List<Path> all = new ArrayList<>(inputs);
        all.addAll(Arrays.stream(more).filter(Objects::nonNull).toList());
        return new SaveOptions(overwrite, all, extraFiles);
    }

    /** The same options with one more extra file. */
    public SaveOptions withExtraFile(final String name, final byte[] content) {
        final Map<String, byte[]> all = new LinkedHashMap<>(extraFiles);
        all.put(name, content);
        return new SaveOptions(overwrite, inputs, all);
    }
}
