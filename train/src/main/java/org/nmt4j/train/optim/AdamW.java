package org.nmt4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.nmt4j.train.config.TrainConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adam with optional decoupled weight decay, whose state (the step count and both moment arrays of
 * every parameter) this class owns and can save and load, which DJL's optimisers cannot.
 *
 * <p>One {@link #step} with learning rate {@code lr} at step {@code t} (counted from 1) does, for
 * each trainable parameter {@code w} with gradient {@code g}:
 *
 * <pre>
 * w -= lr * weightDecay * w                       (only when weightDecay > 0)
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g^2
 * w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
 * </pre>
 *
 * and then zeroes the gradient. (This is Adam's "epsilon hat" form, DJL's native update; it differs
 * from {@code torch.optim.Adam} only in where eps sits, which is immaterial at eps = 1e-9.) A
 * parameter shared by two blocks is updated once. Not thread-safe.
 */
public final class AdamW implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdamW.class);
    private static final int MAGIC = 0x4E4D5441; // "NMTA"
    private static final int VERSION = 1;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, Moments> state = new LinkedHashMap<>();
    private NDManager manager;
    private long steps;

    /** The two moment arrays of one parameter. */
    private record Moments(NDArray mean, NDArray variance) {
        void close() {
            mean.close();
            variance.close();
        }
    }

    /**
     * Creates an optimiser with empty state.
     *
     * @param beta1 first-moment decay, in [0, 1)
     * @param beta2 second-moment decay, in [0, 1)
     * @param eps added to the denominator, > 0
     * @param weightDecay decoupled weight decay, >= 0
     */
    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "eps must be > 0 and weight decay >= 0, got " + eps + " and " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /**
     * Creates an optimiser from the {@code train} section.
     *
     * @param train the training config
     * @return the optimiser
     */
    public static AdamW from(TrainConfig train) {
        return new AdamW(
                train.adamBeta1(), train.adamBeta2(), train.adamEps(), train.weightDecay());
    }

    /**
     * Returns how many steps have been taken (including those restored by {@link #load}).
     *
     * @return the step count
     */
    public long steps() {
        return steps;
    }

    /**
     * Updates every trainable parameter from its gradient, then zeroes the gradients.
     *
     * @param params the model's parameters, e.g. {@code block.getParameters()}
     * @param lr the learning rate of this step
     */
    public void step(ParameterList params, double lr) {
        step(params, lr, 1f, p -> p.getArray().getGradient());
    }

    /**
     * Updates every trainable parameter from a gradient multiplied by {@code gradientFactor} (a
     * clipping factor, the inverse of a loss scale, or both), then zeroes the parameters' own
     * gradients. The factor is applied inside the update as a kernel argument, so no scalar array
     * is copied to the device.
     *
     * @param params the model's parameters; their arrays are the weights that are updated
     * @param lr the learning rate of this step
     * @param gradientFactor multiplies every gradient before it enters the moments
     * @param gradients each parameter's gradient, of the weight's dtype (e.g. float32 master
     *     weights get float32 gradients); an array the function creates is closed after its use
     */
    public void step(
            ParameterList params,
            double lr,
            float gradientFactor,
            Function<Parameter, NDArray> gradients) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr * Math.sqrt(correction2) / correction1);
        boolean decay = weightDecay > 0;
        for (Map.Entry<String, Parameter> e : TrainableParameters.of(params).entrySet()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray w = e.getValue().getArray();
                Moments m = moments(e.getKey(), w);
                w.getNDArrayInternal()
                        .adamUpdate(
                                new NDList(
                                        w, gradients.apply(e.getValue()), m.mean(), m.variance()),
                                new NDList(w),
                                (float) lr,
                                stepSize,
                                (float) weightDecay,
                                gradientFactor,
                                -1f,
                                (float) beta1,
                                (float) beta2,
                                (float) eps,
                                false,
                                decay);
            }
        }
    }

    private Moments moments(String name, NDArray weight) {
        Moments m = state.get(name);
        if (m == null) {
            NDManager mgr = manager(weight);
            NDArray mean = mgr.zeros(weight.getShape(), weight.getDataType());
            NDArray variance = mgr.zeros(weight.getShape(), weight.getDataType());
            NDScope.unregister(mean, variance);
            m = new Moments(mean, variance);
            state.put(name, m);
        }
        return m;
    }

    private NDManager manager(NDArray like) {
        if (manager == null) {
            manager = like.getManager().newSubManager(like.getDevice());
            manager.setName("adamw-state");
        }
        return manager;
    }

    /**
     * Writes the state (step count, hyper-parameters, both moments of every parameter) to a file.
     *
     * @param file the file
     * @throws IOException when it cannot be written
     */
    public void save(Path file) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            save(out);
        }
    }

    /**
     * Writes the state to a stream.
     *
     * @param out the stream
     * @throws IOException when it cannot be written
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(steps);
        for (double h : new double[] {beta1, beta2, eps, weightDecay}) {
            out.writeDouble(h);
        }
        out.writeInt(state.size());
        for (Map.Entry<String, Moments> e : state.entrySet()) {
            out.writeUTF(e.getKey());
            writeArray(out, e.getValue().mean());
            writeArray(out, e.getValue().variance());
        }
        out.flush();
    }

    /**
     * Replaces the state with one read from a file written by {@link #save}; the moments are placed
     * on the parameters' device.
     *
     * @param file the file
     * @param params the model's parameters, which must be exactly those the state was saved for
     * @throws IOException when the file cannot be read, is not optimizer state, or does not match
     *     the parameters (a message names the file and the first difference)
     */
    public void load(Path file, ParameterList params) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            load(in, params, file.toString());
        }
    }

    /**
     * Replaces the state with one read from a stream.
     *
     * @param in the stream
     * @param params the model's parameters
     * @param source names the stream in messages
     * @throws IOException when the stream is not optimizer state or does not match the parameters
     */
    public void load(DataInputStream in, ParameterList params, String source) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(source + ": not an nmt4j optimizer state file");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(source + ": optimizer state version " + version + " unknown");
        }
        long savedSteps = in.readLong();
        double[] saved = {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()};
        warnIfChanged(saved);
        Map<String, Parameter> trainable = TrainableParameters.of(params);
        Map<String, Moments> loaded = new HashMap<>();
        int count = in.readInt();
        try {
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Parameter p = trainable.get(name);
                if (p == null) {
                    throw new IOException(
                            source + ": state for parameter " + name + ", which the model lacks");
                }
                NDArray w = p.getArray();
                NDArray mean = readArray(in, w, name, source);
                NDArray variance = readArray(in, w, name, source);
                loaded.put(name, new Moments(mean, variance));
            }
            if (savedSteps > 0 && !loaded.keySet().equals(trainable.keySet())) {
                TreeSet<String> missing = new TreeSet<>(trainable.keySet());
                missing.removeAll(loaded.keySet());
                throw new IOException(source + ": no state for model parameter(s) " + missing);
            }
        } catch (IOException | RuntimeException e) {
            loaded.values().forEach(Moments::close);
            throw e;
        }
        clearState();
        for (String name : trainable.keySet()) {
            Moments m = loaded.get(name);
            if (m != null) {
                state.put(name, m);
            }
        }
        steps = savedSteps;
    }

    private void warnIfChanged(double[] saved) {
        double[] now = {beta1, beta2, eps, weightDecay};
        for (int i = 0; i < now.length; i++) {
            if (Double.compare(saved[i], now[i]) != 0) {
                LOG.warn(
                        "optimizer hyper-parameters changed since the state was saved: was (beta1,"
                                + " beta2, eps, weight_decay) = {}, now {}",
                        java.util.Arrays.toString(saved),
                        java.util.Arrays.toString(now));
                return;
            }
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private NDArray readArray(DataInputStream in, NDArray weight, String name, String source)
            throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new IOException(source + ": corrupt length " + length + " for " + name);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        NDArray array = NDArray.decode(manager(weight), bytes);
        NDScope.unregister(array);
        if (!array.getShape().equals(weight.getShape())
                || array.getDataType() != weight.getDataType()) {
            String got = array.getShape() + " " + array.getDataType();
            array.close();
            throw new IOException(
                    String.format(
                            "%s: state for %s is %s, the parameter is %s %s",
                            source, name, got, weight.getShape(), weight.getDataType()));
        }
        return array;
    }

    private void clearState() {
        state.values().forEach(Moments::close);
        state.clear();
    }

    /** Frees the moment arrays. */
    @Override
    public void close() {
        clearState();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}
