package org.nmt4j.train.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.RunLayout;
import org.nmt4j.text.io.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and finds the checkpoints of a run directory.
 *
 * <pre>
 * RUN_DIR/
 *   checkpoints/step-00001000/   one complete checkpoint per save, a model directory of
 *                                {@link ModelArtifacts} (model.json, model.params, tokenizer
 *                                file(s), decode.json, manifest.sha256) plus:
 *     optimizer.bin     AdamW state
 *     state.json        TrainingState
 *     loss_scaler.json  LossScaler state (fp16 runs only; the parameters are the float32
 *                       master weights in either precision)
 *   last -> checkpoints/step-00001000    (relative symbolic links, replaced atomically)
 *   best -> checkpoints/step-00000800
 * </pre>
 *
 * The names are {@link RunLayout}'s, through which translation finds them. {@code decode.json} is
 * the run's {@code decode:} section at the time of the save, so a checkpoint is translated with its
 * run's search settings.
 *
 * <p>{@code RUN_DIR/best} and {@code RUN_DIR/last} are therefore model directories that {@code
 * ModelArtifacts.load} (and so translation) reads. A checkpoint is written by {@link
 * ModelArtifacts#save}: into a temporary sibling directory, every file synced, the manifest (with
 * the SHA-256 of every file, {@code optimizer.bin} and {@code state.json} included) written last,
 * then renamed into place; a kill at any moment leaves the previous checkpoints and links intact
 * (and at worst a hidden temporary directory or a {@code last.tmp-*} link, removed by the next
 * {@code Checkpointer}). After each save only the last {@code keepLast} checkpoints and the best
 * one are kept; an old one is renamed to a hidden name before it is deleted, so no half-deleted
 * checkpoint is ever listed. Not thread-safe; one writer per run directory (its {@code RunLock}).
 */
public final class Checkpointer {
    /** Optimizer state file name. */
    public static final String OPTIMIZER = "optimizer.bin";

    /** Training state file name. */
    public static final String STATE = "state.json";

    /** The fp16 loss scaler's file name (only in checkpoints of fp16 runs). */
    public static final String SCALER = "loss_scaler.json";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");
    private static final Pattern LEFTOVER = Pattern.compile("\\.step-\\d+\\.(tmp|old)-.+");
    private static final Pattern LINK_LEFTOVER =
            Pattern.compile("(" + RunLayout.LAST + "|" + RunLayout.BEST + ")\\.tmp-[0-9a-f]{8}");

    private final Path runDir;
    private final Path checkpoints;
    private final int keepLast;

    /**
     * Opens a run directory for writing checkpoints, creating {@code checkpoints/} and removing
     * left-overs of interrupted saves.
     *
     * @param runDir the run directory
     * @param keepLast how many recent checkpoints to keep (the best one is kept as well)
     * @throws IOException when the directory cannot be created or cleaned
     */
    public Checkpointer(Path runDir, int keepLast) throws IOException {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be >= 1, got " + keepLast);
        }
        this.runDir = runDir.toAbsolutePath().normalize();
        this.checkpoints = this.runDir.resolve(RunLayout.CHECKPOINTS);
        this.keepLast = keepLast;
        Files.createDirectories(checkpoints);
        removeLeftovers(checkpoints, LEFTOVER, "unfinished checkpoint");
        removeLeftovers(this.runDir, LINK_LEFTOVER, "unfinished link");
    }

    /** Removes what a save killed half-way left in a directory. */
    private static void removeLeftovers(Path dir, Pattern leftover, String what)
            throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                if (leftover.matcher(p.getFileName().toString()).matches()) {
                    LOG.info("removing {} {}", what, p);
                    FileTrees.delete(p);
                }
            }
        }
    }

    /**
     * Returns the link to the most recent checkpoint, {@code RUN_DIR/last}.
     *
     * @return the path (it may not exist yet)
     */
    public Path last() {
        return RunLayout.last(runDir);
    }

    /**
     * Returns the link to the best checkpoint, {@code RUN_DIR/best}.
     *
     * @return the path (it may not exist yet)
     */
    public Path best() {
        return RunLayout.best(runDir);
    }

    /**
     * Writes a checkpoint atomically, points {@code last} (and {@code best} when asked) at it, and
     * deletes checkpoints beyond the last {@code keepLast} that are not the best. A checkpoint of
     * the same step is replaced.
     *
     * @param contents what to save
     * @param isBest whether this checkpoint becomes {@code best}
     * @return the checkpoint directory
     * @throws IOException when writing fails (the previous checkpoints are untouched), naming the
     *     checkpoint and the one that {@code last} still points to
     */
    public Path save(CheckpointContents contents, boolean isBest) throws IOException {
        Path target = checkpoints.resolve(String.format("step-%08d", contents.state().step()));
        Optional<Path> previous = linkTarget(last());
        try {
            write(target, contents, isBest);
        } catch (IOException e) {
            throw new IOException(target + ": " + e.getMessage() + "; " + intact(previous), e);
        }
        LOG.debug("checkpoint {} written{}", target, isBest ? " (best)" : "");
        return target;
    }

    private String intact(Optional<Path> previous) {
        if (previous.isEmpty()) {
            return "the run has no complete checkpoint yet";
        }
        return "the previous checkpoint "
                + previous.get().getFileName()
                + " is intact ("
                + last()
                + "): once the cause is fixed, ./nmt train --resume "
                + runDir
                + " continues from it";
    }

    private void write(Path target, CheckpointContents contents, boolean isBest)
            throws IOException {
        ModelArtifacts.save(
                target,
                contents.model(),
                contents.tokenizer(),
                contents.decode(),
                dir -> {
                    contents.optimizer().save(dir.resolve(OPTIMIZER));
                    Files.write(
                            dir.resolve(STATE),
                            CheckpointJson.MAPPER.writeValueAsBytes(contents.state()));
                    if (contents.scaler() != null) {
                        Files.write(
                                dir.resolve(SCALER),
                                CheckpointJson.MAPPER.writeValueAsBytes(contents.scaler().state()));
                    }
                });
        DurableFiles.syncDirectory(checkpoints);
        Path relative = runDir.relativize(target);
        DurableFiles.pointLink(last(), relative);
        if (isBest) {
            DurableFiles.pointLink(best(), relative);
        }
        prune();
    }

    /**
     * Points {@code best} at the checkpoint that a resumed state names as the best, where a process
     * stopped between a save's two link updates ({@code last}, then {@code best}) left it behind;
     * otherwise it would be missing or stale, and its checkpoint pruned as an ordinary old one.
     *
     * @param state the state training resumes from
     * @throws IOException when the link cannot be written
     */
    public void restoreBest(TrainingState state) throws IOException {
        if (state.bestMetric() == null || state.step() == 0) {
            return;
        }
        Path target = checkpoints.resolve(String.format("step-%08d", state.bestStep()));
        Optional<Path> current = linkTarget(best());
        if (!Files.isDirectory(target) || current.equals(Optional.of(target))) {
            return;
        }
        LOG.info(
                "pointing {} at {}, the best checkpoint of the state resumed from (the process that"
                        + " saved it stopped before updating the link)",
                best(),
                target.getFileName());
        DurableFiles.pointLink(best(), runDir.relativize(target));
    }

    /** Deletes complete checkpoints older than the last {@code keepLast}, except the best. */
    private void prune() throws IOException {
        List<Path> complete = listCheckpoints();
        Optional<Path> bestTarget = linkTarget(best());
        int excess = complete.size() - keepLast;
        for (int i = 0; i < excess; i++) {
            Path dir = complete.get(i);
            if (bestTarget.isPresent() && bestTarget.get().equals(dir)) {
                continue;
            }
            LOG.debug("deleting old checkpoint {}", dir);
            Path doomed = DurableFiles.temporarySibling(hidden(dir), "old");
            DurableFiles.renameAtomically(dir, doomed);
            FileTrees.delete(doomed);
        }
    }

    /** {@code .step-N} beside {@code step-N}: a name for its leftovers, which listings skip. */
    private static Path hidden(Path dir) {
        return dir.resolveSibling("." + dir.getFileName());
    }

    /**
     * Lists this run's checkpoint directories, oldest step first.
     *
     * @return the directories
     * @throws IOException when the directory cannot be listed
     */
    public List<Path> listCheckpoints() throws IOException {
        return list(runDir);
    }

    /**
     * Lists a run directory's complete checkpoint directories, oldest step first, without changing
     * anything in it (for readers such as {@code nmt average}).
     *
     * @param runDir the run directory
     * @return the directories; empty when the run has none
     * @throws IOException when {@code RUN_DIR/checkpoints} exists but cannot be listed
     */
    public static List<Path> list(Path runDir) throws IOException {
        Path checkpoints = runDir.toAbsolutePath().normalize().resolve(RunLayout.CHECKPOINTS);
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(checkpoints)) {
            return dirs;
        }
        try (Stream<Path> entries = Files.list(checkpoints)) {
            entries.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches())
                    .forEach(dirs::add);
        }
        dirs.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
        return dirs;
    }

    private static long stepOf(Path dir) {
        Matcher m = STEP_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private Optional<Path> linkTarget(Path link) throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(runDir.resolve(Files.readSymbolicLink(link)).normalize());
    }

    /**
     * Opens the checkpoint a run resumes from, {@code RUN_DIR/last}.
     *
     * @param runDir the run directory
     * @return the verified checkpoint
     * @throws CheckpointException when there is none, or it is incomplete or corrupted
     */
    public static Checkpoint openLast(Path runDir) throws CheckpointException {
        Path last = RunLayout.last(runDir);
        if (!Files.exists(last, LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException(
                    "no checkpoint to resume from: "
                            + last
                            + " does not exist (is "
                            + runDir
                            + " a run directory that has saved a checkpoint?)");
        }
        return open(last);
    }

    /**
     * Opens and verifies a checkpoint directory: every file listed in {@code manifest.sha256} must
     * be present with its SHA-256, the manifest must list {@code optimizer.bin} and {@code
     * state.json}, and {@code state.json} must parse.
     *
     * @param dir the checkpoint directory (or a link to it, such as {@code RUN_DIR/last})
     * @return the verified checkpoint
     * @throws CheckpointException naming the file when anything is missing or differs
     */
    public static Checkpoint open(Path dir) throws CheckpointException {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new CheckpointException(
                    "checkpoint " + dir + " not found (a link to a deleted checkpoint?)", e);
        }
        try {
            ModelArtifacts.verify(real);
        } catch (IOException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        List<String> listed = listedFiles(real);
        for (String required : List.of(OPTIMIZER, STATE)) {
            if (!listed.contains(required)) {
                throw new CheckpointException(
                        "incomplete checkpoint "
                                + real
                                + ": "
                                + ModelArtifacts.MANIFEST
                                + " lists no "
                                + required
                                + " (a model directory, not a training checkpoint?)");
            }
        }
        return new Checkpoint(real, readState(real.resolve(STATE)));
    }

    private static List<String> listedFiles(Path dir) throws CheckpointException {
        Path manifest = dir.resolve(ModelArtifacts.MANIFEST);
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                int sep = line.indexOf("  ");
                if (sep > 0) {
                    names.add(line.substring(sep + 2));
                }
            }
            return names;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + manifest + ": " + e, e);
        }
    }

    private static TrainingState readState(Path file) throws CheckpointException {
        try {
            return CheckpointJson.MAPPER.readValue(file.toFile(), TrainingState.class);
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new CheckpointException("corrupted checkpoint file " + file + ": " + first, e);
        }
    }
}
