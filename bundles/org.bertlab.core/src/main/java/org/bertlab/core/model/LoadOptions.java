package org.bertlab.core.model;

import java.util.Locale;
import java.util.OptionalInt;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.runtime.DeviceChoice;

/**
 * How to load a model: the options shared by the Load BERT node and the command line, with their defaults.
 *
 * @param lowercase true or false to override the tokenizer's lower-casing, null to keep what its files say
 * @param maxLength maximum tokens per sequence, special tokens included; 0 means the one the model was saved with,
 *            else its positions (at most 512)
 * @param device the device asked for
 * @param precision "fp32", "fp16" on a GPU, or "int8": fp32 weights, inference with int8 matrix products on ONNX
 *            Runtime on the CPU ({@link org.bertlab.core.encoder.InferencePrecision#INT8}). "bf16" is refused here,
 *            before any tensor exists: DJL 0.36's PyTorch bridge cannot hold a bfloat16 tensor and creating one ends
 *            the process (docs/performance.md), which no fallback could catch.
 */
public record LoadOptions(Boolean lowercase, int maxLength, DeviceChoice device, String precision) {

    public static final LoadOptions DEFAULT = new LoadOptions(null, 0, DeviceChoice.CPU, "fp32");

    public LoadOptions {
        InvalidOptionException.require(maxLength == 0 || maxLength >= 2, "max-length",
            "must be 0 (the model's own) or at least 2, got " + maxLength);
        Validate.notNull(device, "device");
        precision = precision == null ? "fp32" : precision.toLowerCase(Locale.ROOT);
        // refused before any tensor exists: DJL 0.36's PyTorch bridge ends the process on a bfloat16 tensor
        InvalidOptionException.require(!precision.equals("bf16"), "precision", "bf16 is not available: the PyTorch "
            + "runtime used here cannot hold bfloat16 tensors; use fp16 on a GPU, or int8 or fp32 on the CPU.");
        InvalidOptionException.require(precision.equals("fp32") || precision.equals("fp16") || precision.equals("int8"),
            "precision", "'" + precision + "' is unknown: use fp32, fp16 (GPU) or int8 (CPU).");
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

    /** The effective maximum length for a model with that many positions and no saved maximum length. */
    int effectiveMaxLength(final BertConfig config) {
        return effectiveMaxLength(config, OptionalInt.empty());
    }

    /**
     * The effective maximum length: the one asked for, else the one the model was saved with, else its positions
     * (at most 512); never more than its positions.
     */
    int effectiveMaxLength(final BertConfig config, final OptionalInt saved) {
        final int modelMax = saved.orElse(Math.min(512, config.maxPositions()));
        return Math.min(maxLength == 0 ? modelMax : maxLength, config.maxPositions());
    }
}
