package org.nmt4j.spark;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of one executor JVM: a pool per model directory and device, from which each running
 * task leases one model and gives it back when it ends. A model is loaded only when a task finds
 * none idle, so a JVM loads at most as many models as it runs tasks at once (its task slots), and
 * reuses them for every later task and job: one model per slot, not per task, not per line.
 *
 * <p>A model's translators are not thread-safe; a lease is used by one task thread. {@link
 * #close()} closes the idle models and, when they are given back, the leased ones; a later lease
 * loads anew. A JVM shutdown hook calls it, so an executor closes its models when it ends, and the
 * driver calls it after a local-mode job (where the driver's JVM is the executor).
 *
 * <p>This is the one place that loads a model, with {@link TrainedModel#ensemble} (one model, or
 * the ensemble of several given with {@code --model} more than once), as {@code ./nmt translate}
 * does. (A {@code TrainedModel} could serve several threads; one per slot keeps tasks from sharing
 * anything.)
 */
public final class ExecutorModels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final ExecutorModels SHARED = new ExecutorModels();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(SHARED::close, "nmt4j-executor-models-close"));
    }

    private final Map<Key, ArrayDeque<Model>> idle = new HashMap<>();
    private int loads;
    private int generation;

    /** Creates an empty pool (tests; jobs use {@link #shared()}). */
    ExecutorModels() {}

    /**
     * Returns this JVM's pool.
     *
     * @return the pool
     */
    public static ExecutorModels shared() {
        return SHARED;
    }

    /**
     * Leases a model: an idle one, else a newly loaded one.
     *
     * @param modelDir the model directory
     * @param device where its parameters go
     * @return the lease; close it to give the model back
     * @throws IOException if the model cannot be loaded
     */
    public Lease lease(Path modelDir, Device device) throws IOException {
        return lease(List.of(modelDir), device);
    }

    /**
     * Leases a model, or an ensemble of several (pooled as one): an idle one, else a newly loaded
     * one.
     *
     * @param modelDirs the model directories, in order (one for a single model)
     * @param device where their parameters go
     * @return the lease; close it to give the model back
     * @throws IOException if a model cannot be loaded, or the models do not share a tokenizer
     */
    public Lease lease(List<Path> modelDirs, Device device) throws IOException {
        List<Path> dirs = modelDirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        Key key = new Key(dirs, device);
        int loadGeneration;
        synchronized (this) {
            Model model = idle.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (model != null) {
                return new Lease(key, model);
            }
            loadGeneration = generation;
        }
        Model model = Model.load(key.dirs(), device, loadGeneration);
        int n;
        synchronized (this) {
            n = ++loads;
        }
        LOG.info("loaded model {} on {} (model {} of this JVM)", describe(key.dirs()), device, n);
        return new Lease(key, model);
    }

    /**
     * Returns how many models this pool has loaded.
     *
     * @return the count
     */
    public synchronized int loads() {
        return loads;
    }

    private synchronized void giveBack(Key key, Model model) {
        if (model.generation() != generation) {
            model.close();
        } else {
            idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(model);
        }
    }

    /**
     * Returns how many models are loaded and not leased.
     *
     * @return the count
     */
    synchronized int idle() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes the idle models now and the leased ones when they are given back. */
    @Override
    public synchronized void close() {
        generation++;
        for (ArrayDeque<Model> models : idle.values()) {
            for (Model m : models) {
                m.close();
            }
        }
        idle.clear();
    }

    /** A model lent to one task; closing it gives the model back (once). */
    public final class Lease implements AutoCloseable {
        private final Key key;
        private Model model;

        private Lease(Key key, Model model) {
            this.key = key;
            this.model = model;
        }

        /**
         * Returns the leased model, for this task's thread until the lease is closed.
         *
         * @return the model
         */
        public TrainedModel model() {
            if (model == null) {
                throw new IllegalStateException("the lease was given back");
            }
            return model.model();
        }

        /**
         * Builds a translator over the leased model (cheap: the model is already loaded).
         *
         * @param decode the search settings
         * @param options the batching settings
         * @return the translator, for this task's thread only
         */
        public SentenceTranslator translator(DecodeConfig decode, TranslatorOptions options) {
            return model().translator(decode, options);
        }

        @Override
        public void close() {
            if (model != null) {
                giveBack(key, model);
                model = null;
            }
        }
    }

    private static String describe(List<Path> dirs) {
        return dirs.size() == 1 ? dirs.get(0).toString() : "ensemble " + dirs;
    }

    private record Key(List<Path> dirs, Device device) {}

    /** A loaded model and the pool generation it belongs to. */
    private record Model(TrainedModel model, int generation) implements AutoCloseable {
        static Model load(List<Path> dirs, Device device, int generation) throws IOException {
            return new Model(TrainedModel.ensemble(dirs, null, device), generation);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
