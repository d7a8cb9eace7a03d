/**
 * BERT weights as plain Java data: {@link org.bertlab.core.weights.NamedTensor} (a name, a shape and row-major
 * float32 values) read from and written to safetensors files ({@link org.bertlab.core.weights.Safetensors}) and
 * read from ONNX exports ({@link org.bertlab.core.weights.OnnxWeights}).
 *
 * <p>Nothing here depends on KNIME or on DJL's NDArray, so checkpoints can be inspected, converted and validated
 * without a native engine. Names are the Hugging Face module paths
 * ({@code encoder.layer.3.attention.self.query.weight}); linear weights are in the Hugging Face {@code [out, in]}
 * layout whatever the source format stores. Every problem with an input file is reported as a
 * {@link org.bertlab.core.weights.WeightFormatException} that names the file.
 */
package org.bertlab.core.weights;
