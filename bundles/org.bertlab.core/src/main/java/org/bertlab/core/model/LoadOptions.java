package org.bertlab.core.model;

import java.util.Locale;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.runtime.DeviceChoice;

/**
 * How to load a model: the options shared by the Load BERT node and the command line, with their defaults.
 *
 * @param lowercase true or false to override the tokenizer's lower-casing, null to keep what its files say
 * @param maxLength maximum tokens per sequence, special tokens included; 0 means the model's positions (at most 512)
 * @param device the device asked for
 * @param precision "fp32", "fp16"/"bf16" on a GPU, or "int8": fp32 weights, inference with int8 matrix products on
 *            ONNX Runtime on the CPU ({@link org.bertlab.core.encoder.InferencePrecision#INT8})
 */
public record LoadOptions(Boolean lowercase, int maxLength, DeviceChoice device, String precision) {

    public static final LoadOptions DEFAULT = new LoadOptions(null, 0, DeviceChoice.CPU, "fp32");

    public LoadOptions {
        InvalidOptionException.require(maxLength == 0 || maxLength >= 2, "max-length",
            "must be 0 (the model's own) or at least 2, got " + maxLength);
        Validate.notNull(device, "device");
        precision = precision == null ? "fp32" : precision.toLowerCase(Locale.ROOT);
        InvalidOptionException.require(precision.equals("fp32") || precision.equals("fp16") || precision.equals("bf16")
            || precision.equals("int8"), "precision", "'" + precision + "' is unknown: use fp32, fp16, bf16 or int8.");
    }

    public LoadOptions withLowercase(final Boolean value) {
        return new LoadOptions(value, maxLength, device, precision);
    }

    public LoadOptions withMaxLength(final int value) {
        return new LoadOptions(lowercase, value, device, precision);
    }

    public LoadOptions withDevice(final DeviceChoice value) {
        return new LoadOptions(lowercase, maxLength, value, precision);
    }

    public LoadOptions withPrecision(final String value) {
        return new LoadOptions(lowercase, maxLength, device, value);
    }

    /** The effective maximum length for a model with that many positions. */
    int effectiveMaxLength(final BertConfig config) {
        final int modelMax = Math.min(512, config.maxPositions());
        return maxLength == 0 ? modelMax : Math.min(maxLength, config.maxPositions());
    }
}
