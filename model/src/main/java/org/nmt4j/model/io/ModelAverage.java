package org.nmt4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.ParameterList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.model.search.DecodeConfig;

/**
 * Checkpoint averaging, as fairseq's {@code average_checkpoints.py} and Marian's exponential
 * smoothing do it for the end of a run: the element-wise mean of the parameters of several model
 * directories of one run (the last N checkpoints), written as a new model directory. Near the end
 * of training the checkpoints sit around a minimum along a noisy path; their mean is usually closer
 * to it than any one of them.
 *
 * <p>The inputs must share the architecture ({@code model.json}: configuration and special ids) and
 * the tokenizer (byte for byte): a mean of different models is meaningless, so either difference is
 * refused with a one-line message naming both directories. The output carries the tokenizer and
 * decode settings of the last input (the newest checkpoint when the list is in step order) and no
 * optimizer state: it is a model to translate with, not a checkpoint to resume. It is written
 * atomically by {@link ModelArtifacts#save}. The mean is computed in double precision on the host,
 * in input order, and rounded once to float32.
 */
public final class ModelAverage {
    private ModelAverage() {}

    /**
     * Averages the parameters of model directories into {@code output}.
     *
     * @param inputs the model directories (at least one), typically checkpoints in step order
     * @param output the model directory to write (replaced atomically when it exists); must not be
     *     one of the inputs
     * @return the number of parameter values averaged
     * @throws ModelArtifactException when an input cannot be read or does not match the first
     * @throws IOException when the output cannot be written (it is then unchanged)
     */
    public static long average(List<Path> inputs, Path output) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no model directory to average");
        }
        Path target = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(target)
                    || Files.exists(target) && Files.isSameFile(in, target)) {
                throw new IllegalArgumentException(
                        "the output "
                                + output
                                + " is one of the models to average; give another directory");
            }
        }
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            LoadedModel first = ModelArtifacts.load(inputs.get(0), manager, null);
            ParameterList params = first.model().getParameters();
            double[][] sums = new double[params.size()][];
            add(sums, params, first.directory());
            LoadedModel last = first;
            for (Path in : inputs.subList(1, inputs.size())) {
                try (NDManager one = manager.newSubManager()) {
                    LoadedModel next = ModelArtifacts.load(in, one, null);
                    sameModel(first, next);
                    add(sums, next.model().getParameters(), next.directory());
                    last = next;
                }
            }
            long values = 0;
            for (int i = 0; i < params.size(); i++) {
                float[] mean = new float[sums[i].length];
                for (int j = 0; j < mean.length; j++) {
                    mean[j] = (float) (sums[i][j] / inputs.size());
                }
                params.get(i).getValue().getArray().set(mean);
                values += mean.length;
            }
            DecodeConfig decode = last.decode();
            // the last input's tokenizer is byte-identical to the first's (checked above)
            ModelArtifacts.save(target, first.model(), first.tokenizer(), decode, dir -> {});
            return values;
        }
    }

    /** Adds one model's parameters to the running sums, in the order of {@code getParameters}. */
    private static void add(double[][] sums, ParameterList params, Path dir)
            throws ModelArtifactException {
        for (int i = 0; i < params.size(); i++) {
            NDArray a = params.get(i).getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new ModelArtifactException(
                        dir,
                        ModelArtifacts.PARAMETERS,
                        params.get(i).getKey()
                                + " is "
                                + a.getDataType()
                                + "; only float32 parameters can be averaged");
            }
            float[] values = a.toFloatArray();
            if (sums[i] == null) {
                sums[i] = new double[values.length];
            }
            for (int j = 0; j < values.length; j++) {
                sums[i][j] += values[j];
            }
        }
    }

    /** Refuses a model whose architecture or tokenizer differs from the first one's. */
    private static void sameModel(LoadedModel first, LoadedModel next) throws IOException {
        if (!first.config().equals(next.config()) || !first.special().equals(next.special())) {
            throw new ModelArtifactException(
                    next.directory(),
                    ModelArtifacts.MODEL_JSON,
                    "is another architecture than "
                            + first.directory()
                            + "; average checkpoints of one run only");
        }
        TokenizerFiles a = first.tokenizer();
        TokenizerFiles b = next.tokenizer();
        if (a.joint() != b.joint()
                || Files.mismatch(a.source(), b.source()) != -1
                || Files.mismatch(a.target(), b.target()) != -1) {
            throw new ModelArtifactException(
                    next.directory(),
                    b.source().getFileName().toString(),
                    "is another tokenizer than "
                            + first.directory()
                            + "'s; average checkpoints of one run only");
        }
    }
}
