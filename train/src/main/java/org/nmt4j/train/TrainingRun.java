package org.nmt4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.PreparedData;
import org.nmt4j.data.Preparer;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.text.SpecialTokens;
import org.nmt4j.train.checkpoint.Checkpoint;
import org.nmt4j.train.checkpoint.CheckpointContents;
import org.nmt4j.train.checkpoint.Checkpointer;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.config.ConfigException;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.LossScaler;
import org.nmt4j.train.precision.Precision;
import org.nmt4j.train.precision.StepPrecision;
import org.nmt4j.train.precision.StepPrecisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or resumes a training run: prepares the data (tokenizer trained or loaded, splits
 * encoded), builds or restores the model and optimiser on the configured device, and runs the
 * {@link TrainingLoop} with validation, checkpoints, {@code metrics.jsonl}, {@code curves.png} and
 * the progress display. Everything native is closed when it returns.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final Logger DETAILS = LoggerFactory.getLogger(TrainingProgress.DETAIL_LOGGER);

    /** The config keys that {@code --set} may change when resuming. */
    private static final List<String> RESUMABLE_KEYS = List.of("train.", "decode.", "device=");

    private TrainingRun() {}

    /**
     * How a run is watched and stopped.
     *
     * @param stop checked between steps (e.g. set by Ctrl-C)
     * @param console where the progress bar is drawn, or null for none
     * @param listeners further listeners, told after the run's own
     */
    public record Options(StopSignal stop, PrintStream console, List<TrainingListener> listeners) {
        /** Copies the list. */
        public Options {
            listeners = List.copyOf(listeners);
        }

        /**
         * Options with no progress bar and no further listener.
         *
         * @param stop the stop signal
         * @return the options
         */
        public static Options quiet(StopSignal stop) {
            return new Options(stop, null, List.of());
        }
    }

    /** What a run trains with; closed by the caller. */
    private record Session(
            ExperimentConfig config,
            RunDirectory run,
            NDManager manager,
            Seq2SeqTransformer model,
            AdamW optimizer,
            LossScaler scaler,
            TokenizerFiles tokenizer,
            PreparedData data) {}

    /**
     * Starts a new run.
     *
     * @param config the experiment
     * @param configFile the file it came from (for messages)
     * @param run the new run's directory (see {@link RunDirectory#create})
     * @param options progress and stop
     * @return how it ended
     * @throws IOException when data or checkpoints cannot be read or written
     * @throws ConfigException for settings that do not fit together or a device that is missing
     * @throws TrainingException when training fails (non-finite losses, out of memory)
     */
    public static TrainingOutcome start(
            ExperimentConfig config, Path configFile, RunDirectory run, Options options)
            throws IOException {
        Device device = preflight(config, configFile);
        TrainingDevice.log(config.device(), device);
        try (PreparedData prepared = prepare(config.data(), config.tokenizer(), run)) {
            ExperimentConfig effective =
                    withTokenizerSizes(config, prepared.tokenizers(), configFile);
            run.writeConfig(effective);
            TokenizerFiles files = run.keepTokenizer(filesOf(prepared.tokenizers()));
            try (NDManager manager = NDManager.newBaseManager(device);
                    AdamW optimizer = AdamW.from(effective.train())) {
                Engine.getInstance().setRandomSeed(RandomStreams.initialisation(config.seed()));
                Seq2SeqTransformer model =
                        new Seq2SeqTransformer(effective.model(), SpecialTokens.DEFAULT);
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
                LossScaler scaler = LossScaler.forAccumulation(effective.train().accumulation());
                Session s =
                        new Session(
                                effective, run, manager, model, optimizer, scaler, files, prepared);
                return train(s, TrainingState.start(config.seed()), options);
            }
        }
    }

    /**
     * Checks what a loaded config cannot check by itself, before anything is written: that the
     * training sentences fit the model's positions and that the device exists.
     *
     * @param config the experiment
     * @param configFile the file it came from (for messages)
     * @return the device to train on
     * @throws ConfigException naming the key to change
     */
    public static Device preflight(ExperimentConfig config, Path configFile) {
        checkLengths(config, configFile);
        return TrainingDevice.resolve(config, configFile);
    }

    /**
     * Resumes a run from its last checkpoint, exactly where it stopped.
     *
     * @param run the run's directory (see {@link RunDirectory#existing})
     * @param overrides {@code --set} values for {@code train.*}, {@code decode.*} or {@code device}
     *     (e.g. a higher {@code train.max_steps})
     * @param options progress and stop
     * @return how it ended
     * @throws IOException when data or checkpoints cannot be read or written; a {@link
     *     org.nmt4j.train.checkpoint.CheckpointException} when the checkpoint is missing,
     *     incomplete or corrupted
     */
    public static TrainingOutcome resume(RunDirectory run, List<String> overrides, Options options)
            throws IOException {
        checkResumeOverrides(run.config(), overrides);
        ExperimentConfig config = ConfigLoader.load(run.config(), overrides);
        Device device = TrainingDevice.resolve(config, run.config());
        TrainingDevice.log(config.device(), device);
        Checkpoint checkpoint = Checkpointer.openLast(run.dir());
        LOG.info("resuming from {} (step {})", checkpoint.dir(), checkpoint.state().step());
        try (NDManager manager = NDManager.newBaseManager(device);
                AdamW optimizer = AdamW.from(config.train())) {
            LoadedModel loaded = checkpoint.loadModel(manager, device);
            checkpoint.loadOptimizer(optimizer, loaded.model().getParameters());
            LossScaler scaler = LossScaler.forAccumulation(config.train().accumulation());
            checkpoint.loadScaler(scaler);
            if (!loaded.config().equals(config.model())) {
                LOG.warn(
                        "the model section of {} differs from the checkpoint's architecture;"
                                + " the checkpoint's is used",
                        run.config());
            }
            ExperimentConfig effective = withModel(config, loaded);
            run.writeConfig(effective);
            TokenizerFiles files = run.keepTokenizer(loaded.tokenizer());
            try (PreparedData prepared = prepare(config.data(), loading(config, files), run)) {
                Session s =
                        new Session(
                                effective,
                                run,
                                manager,
                                loaded.model(),
                                optimizer,
                                scaler,
                                files,
                                prepared);
                return train(s, checkpoint.state(), options);
            }
        }
    }

    private static TrainingOutcome train(Session s, TrainingState start, Options options)
            throws IOException {
        ExperimentConfig c = s.config();
        DevSet dev = DevSet.of(s.data().dev(), s.data().devPairs(), c.model().maxPositions());
        logDev(dev);
        Batcher batcher = new Batcher(s.data().train(), c.data().batchTokens(), start.seed());
        LOG.info(
                "model: {} parameters; {} batches per epoch of at most {} padded tokens,"
                        + " {} per step",
                parameterCount(s.model()),
                batcher.plan(start.epoch()).size(),
                c.data().batchTokens(),
                c.train().accumulation());
        Validator validator =
                new Validator(
                        s.model(),
                        s.manager(),
                        dev,
                        s.data().tokenizers(),
                        c.decode(),
                        c.train().labelSmoothing(),
                        c.data().batchTokens());
        Checkpointer checkpointer = new Checkpointer(s.run().dir(), c.train().keepLast());
        checkpointer.restoreBest(start);
        boolean fp16 = c.train().precision() == Precision.FP16;
        CheckpointSink sink =
                (state, best) ->
                        checkpointer.save(
                                new CheckpointContents(
                                        s.model(),
                                        s.tokenizer(),
                                        s.optimizer(),
                                        state,
                                        c.decode(),
                                        fp16 ? s.scaler() : null),
                                best);
        TrainingProgress progress =
                new TrainingProgress(
                        c.train().maxSteps(), options.console(), new MemoryProbe(s.manager()));
        try (StepPrecision precision =
                        StepPrecisions.create(
                                c.train().precision(),
                                s.manager(),
                                s.model().getParameters(),
                                s.scaler());
                MetricsLog metrics = new MetricsLog(s.run().metrics(), start.step())) {
            List<TrainingListener> all = new ArrayList<>();
            all.add(metrics);
            all.add(new Curves(s.run().curves(), metrics));
            all.add(progress);
            all.addAll(options.listeners());
            TrainingLoop loop =
                    new TrainingLoop(
                            s.model(),
                            s.manager(),
                            s.optimizer(),
                            c.train(),
                            new TrainingLoop.Data(
                                    s.data().train(), batcher, BatchBuilder.standard()),
                            new TrainingLoop.Hooks(
                                    validator, sink, TrainingListener.all(all), options.stop()),
                            precision);
            return loop.run(start);
        } catch (RuntimeException e) {
            progress.abort();
            throw e;
        }
    }

    private static PreparedData prepare(
            DataConfig data, TokenizerConfig tokenizer, RunDirectory run) throws IOException {
        PreparedData prepared = new Preparer(data, tokenizer, run.data()).prepare();
        prepared.report().format().lines().forEach(line -> DETAILS.info("data: {}", line));
        Tokenizers t = prepared.tokenizers();
        LOG.info(
                "data: {} training pairs, {} dev pairs; tokenizer {} ({} pieces{}); details in"
                        + " train.log",
                prepared.train().size(),
                prepared.dev().size(),
                t.joint() ? "joint" : "per language",
                t.source().vocabSize(),
                t.joint() ? "" : " and " + t.target().vocabSize());
        return prepared;
    }

    private static String parameterCount(Seq2SeqTransformer model) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long n = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (seen.add(p.getValue())) {
                n += p.getValue().getArray().size();
            }
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static TokenizerFiles filesOf(Tokenizers t) {
        return new TokenizerFiles(t.source().modelFile(), t.target().modelFile());
    }

    private static TokenizerConfig loading(ExperimentConfig config, TokenizerFiles files) {
        return files.joint()
                ? config.tokenizer().withModel(files.source())
                : config.tokenizer().withModels(files.source(), files.target());
    }

    private static ExperimentConfig withTokenizerSizes(
            ExperimentConfig config, Tokenizers t, Path configFile) {
        int source = t.source().vocabSize();
        int target = t.target().vocabSize();
        if (source != config.model().sourceVocabSize()
                || target != config.model().targetVocabSize()) {
            LOG.info(
                    "vocabulary: {} source and {} target pieces (the model is sized to them)",
                    source,
                    target);
        }
        try {
            return config.withVocabularySizes(source, target);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    configFile,
                    "model",
                    e.getMessage()
                            + "; with separate tokenizers use model.tying: decoder or none, or"
                            + " tokenizer.joint: true");
        }
    }

    private static ExperimentConfig withModel(ExperimentConfig c, LoadedModel loaded) {
        return new ExperimentConfig(
                c.seed(),
                c.device(),
                c.runDir(),
                c.data(),
                c.tokenizer(),
                loaded.config(),
                c.train(),
                c.decode());
    }

    /** A training pair of max_tokens pieces needs max_tokens + 1 positions (EOS / BOS). */
    private static void checkLengths(ExperimentConfig config, Path configFile) {
        int need = config.data().maxTokens() + 1;
        if (need > config.model().maxPositions()) {
            throw new ConfigException(
                    configFile,
                    "model.max_positions",
                    String.format(
                            Locale.ROOT,
                            "is %d, but data.max_tokens %d needs %d positions (a sentence plus"
                                    + " EOS); raise model.max_positions or lower"
                                    + " data.max_tokens",
                            config.model().maxPositions(),
                            config.data().maxTokens(),
                            need));
        }
    }

    private static void checkResumeOverrides(Path configFile, List<String> overrides) {
        for (String o : overrides) {
            String key = o.strip();
            boolean allowed = RESUMABLE_KEYS.stream().anyMatch(key::startsWith);
            if (!allowed) {
                int eq = key.indexOf('=');
                throw new ConfigException(
                        configFile,
                        eq > 0 ? key.substring(0, eq) : key,
                        "cannot be changed when resuming (--set "
                                + o
                                + "); only train.*,"
                                + " decode.* and device can. Start a new run with --config to"
                                + " change the data, tokenizer, model or seed");
            }
        }
    }

    private static void logDev(DevSet dev) {
        LOG.info(
                "dev: {} pairs for the loss, {} distinct sources for BLEU/chrF",
                dev.pairs().size(),
                dev.references().size());
        if (dev.droppedPairs() > 0 || dev.longSources() > 0) {
            LOG.warn(
                    "dev: {} pair(s) longer than model.max_positions left out of the dev loss, {}"
                            + " source(s) split at sentence boundaries for decoding",
                    dev.droppedPairs(),
                    dev.longSources());
        }
    }
}
