package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.faults.ForkedJvm;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.RunLayout;
import org.nmt4j.train.checkpoint.Checkpointer;
import org.nmt4j.train.checkpoint.TrainingState;

/**
 * Kill -9 at seeded points, then resume, until the run ends: the final parameters, checkpoints and
 * metrics equal those of the same run trained without interruption. Each process is a forked JVM
 * ({@link TrainingProcess}) on the fault-injecting file system, which stops it at the chosen change
 * to the run directory (a write inside a checkpoint, the checkpoint's rename, a link update, the
 * deletion of an old checkpoint, a line of {@code metrics.jsonl}, or any change), a write half
 * done; the test then kills it with SIGKILL and resumes the run in a new process.
 *
 * <p>{@code verify} runs one kill of each kind (6 processes killed, about 20 s). {@code
 * bench/faults/run.sh} runs the long variant: {@code -Dnmt.faults.kills=24}, kinds drawn at random,
 * {@code -Dnmt.faults.seed=S}, {@code -Dnmt.faults.report=FILE} for the summary.
 */
class KillAndResumeTest {
    private static final Duration SEGMENT = Duration.ofMinutes(3);
    private static final Pattern SAVE =
            Pattern.compile("^move checkpoints/\\.step-\\d+\\.tmp-\\S+ -> checkpoints/step-\\d+$");

    @TempDir Path tmp;

    /** Where a kill may land, as a pattern over the file system's events. */
    enum Kind {
        CHECKPOINT_WRITE("^write checkpoints/\\.step-\\d+\\.tmp-"),
        CHECKPOINT_RENAME("^move checkpoints/\\.step-\\d+\\.tmp-"),
        LINK_UPDATE("^(symlink|move) (last|best)\\.tmp-"),
        OLD_CHECKPOINT_DELETION("^(move checkpoints/step-|delete checkpoints/\\.step-\\d+\\.old-)"),
        METRICS_LINE("^write metrics\\.jsonl"),
        ANY_CHANGE("");

        final Pattern pattern;

        Kind(String regex) {
            this.pattern = Pattern.compile(regex);
        }
    }

    /** A kill: the kind, which matching event, and the share of a write done before it. */
    record KillPoint(Kind kind, int nth, double fraction) {}

    @Test
    void killedWithSigkillAtSeededPoints_resumesToTheParametersAndMetricsOfAnUninterruptedRun()
            throws Exception {
        int kills = Integer.getInteger("nmt.faults.kills", Kind.values().length);
        long seed = Long.getLong("nmt.faults.seed", 19);
        int steps = 4 * kills + 8;
        Path straight = tmp.resolve("straight");
        Path events = tmp.resolve("straight-events.txt");
        Path config = TinyRuns.config(tmp, straight, steps);
        List<String> overrides =
                List.of("train.checkpoint_every=2", "train.validate_every=4", "train.keep_last=2");
        runToEnd(
                process("straight")
                        .args("new", straight.toString(), config.toString())
                        .args(overrides)
                        .faults(straight, Map.of("log", events.toString())));
        Map<Kind, Integer> perSave = eventsPerSave(events);

        Path killed = tmp.resolve("killed");
        Path killedEvents = tmp.resolve("killed-events.txt");
        long cutShort = 0;
        List<KillPoint> plan = plan(kills, seed, perSave);
        List<String> report = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            KillPoint k = plan.get(i);
            Map<String, String> faults = new HashMap<>();
            faults.put("action", "pause");
            faults.put("match", k.kind().pattern.pattern());
            faults.put("nth", Integer.toString(k.nth()));
            faults.put("fraction", Double.toString(k.fraction()));
            faults.put("log", killedEvents.toString());
            ForkedJvm.Builder b = process("segment-" + i);
            if (i == 0) {
                b.args("new", killed.toString(), config.toString()).args(overrides);
                faults.put("armed-by", "^move last\\.tmp-[0-9a-f]{8} -> last$");
            } else {
                b.args("resume", killed.toString());
            }
            long from = i == 0 ? 0 : lastStep(killed);
            try (ForkedJvm.Child child = b.faults(killed, faults).start()) {
                String at = child.awaitPause(SEGMENT);
                assertNotNull(
                        at,
                        "the run ended before kill "
                                + (i + 1)
                                + " of "
                                + kills
                                + "; raise the steps:\n"
                                + child.output());
                child.kill();
                if (at.equals("write " + RunDirectory.METRICS)) {
                    long n = lastMetricsWrite(killedEvents);
                    cutShort += n - (long) Math.floor(n * k.fraction());
                }
                report.add(
                        String.format(
                                Locale.ROOT,
                                "kill %d (%s, event %d%s) after resuming from step %d: at '%s'",
                                i + 1,
                                k.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                k.nth(),
                                at.startsWith("write ")
                                        ? String.format(
                                                Locale.ROOT,
                                                ", %.0f%% of its bytes",
                                                100 * k.fraction())
                                        : "",
                                from,
                                at));
                System.out.println(report.get(report.size() - 1));
            }
        }
        runToEnd(
                process("final")
                        .args("resume", killed.toString())
                        .faults(killed, Map.of("log", killedEvents.toString())));
        assertEquals(
                metricsBytesWritten(killedEvents) - cutShort,
                metricsBytesKept(killed),
                "every byte written to metrics.jsonl is in it or in a metrics.after-step-N file");

        long values = assertSameParameters(straight, killed);
        int lines = assertSameMetrics(straight, killed);
        assertSameState(straight, killed);
        assertEquals(checkpointNames(straight), checkpointNames(killed), "the kept checkpoints");
        assertEquals(
                Files.readSymbolicLink(straight.resolve(RunLayout.BEST)),
                Files.readSymbolicLink(killed.resolve(RunLayout.BEST)),
                "best");
        assertNoLeftovers(killed);
        String summary =
                String.format(
                        Locale.ROOT,
                        "kill-and-resume: %d SIGKILLs at seeded points (seed %d, %d steps, a"
                                + " checkpoint every 2): final parameters identical to the"
                                + " uninterrupted run (%d values), metrics identical (%d lines),"
                                + " same checkpoints and best; %d line(s) written after a"
                                + " checkpoint moved aside into %d file(s)",
                        kills,
                        seed,
                        steps,
                        values,
                        lines,
                        setAsideLines(killed),
                        setAsideFiles(killed).size());
        report.add(summary);
        System.out.println(summary);
        String file = System.getProperty("nmt.faults.report");
        if (file != null) {
            Files.write(Path.of(file), report, StandardCharsets.UTF_8);
        }
    }

    private ForkedJvm.Builder process(String name) {
        return ForkedJvm.of(TrainingProcess.class.getName(), tmp.resolve(name + ".out"));
    }

    private static void runToEnd(ForkedJvm.Builder b) throws Exception {
        try (ForkedJvm.Child child = b.start()) {
            assertEquals(0, child.awaitExit(SEGMENT), child.output());
        }
    }

    /** The kills: one of each kind in a seeded order, or, beyond that, kinds drawn at random. */
    static List<KillPoint> plan(int kills, long seed, Map<Kind, Integer> perSave) {
        Random r = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        if (kills <= Kind.values().length) {
            kinds.addAll(Arrays.asList(Kind.values()));
            java.util.Collections.shuffle(kinds, r);
            kinds = kinds.subList(0, kills);
        } else {
            for (int i = 0; i < kills; i++) {
                kinds.add(Kind.values()[r.nextInt(Kind.values().length)]);
            }
        }
        List<KillPoint> plan = new ArrayList<>();
        for (Kind k : kinds) {
            int range = Math.max(1, 2 * perSave.getOrDefault(k, 1));
            plan.add(new KillPoint(k, 1 + r.nextInt(range), r.nextDouble()));
        }
        return plan;
    }

    /**
     * How many events of each kind one checkpoint interval of the straight run has (at least 1).
     */
    private static Map<Kind, Integer> eventsPerSave(Path events) throws IOException {
        List<String> lines =
                Files.readAllLines(events).stream()
                        .map(l -> l.replaceAll(" \\(\\d+ bytes\\)$", ""))
                        .toList();
        long saves = lines.stream().filter(l -> SAVE.matcher(l).matches()).count();
        assertTrue(saves > 2, "checkpoints in the event log: " + saves);
        Map<Kind, Integer> perSave = new HashMap<>();
        for (Kind k : Kind.values()) {
            long n = lines.stream().filter(l -> k.pattern.matcher(l).find()).count();
            perSave.put(k, (int) Math.max(1, Math.round((double) n / saves)));
        }
        return perSave;
    }

    private static final Pattern METRICS_WRITE =
            Pattern.compile(
                    "^write " + Pattern.quote(RunDirectory.METRICS) + " \\((\\d+) bytes\\)$");

    /** The bytes of the last write to metrics.jsonl in an event log. */
    private static long lastMetricsWrite(Path events) throws IOException {
        long last = -1;
        for (String line : Files.readAllLines(events)) {
            Matcher m = METRICS_WRITE.matcher(line);
            if (m.matches()) {
                last = Long.parseLong(m.group(1));
            }
        }
        assertTrue(last >= 0, "a write to metrics.jsonl in " + events);
        return last;
    }

    /** The bytes that every process asked to write to metrics.jsonl. */
    private static long metricsBytesWritten(Path events) throws IOException {
        long total = 0;
        for (String line : Files.readAllLines(events)) {
            Matcher m = METRICS_WRITE.matcher(line);
            if (m.matches()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    /** The bytes of metrics.jsonl and of the files of lines moved aside. */
    private static long metricsBytesKept(Path run) throws IOException {
        long total = Files.size(run.resolve(RunDirectory.METRICS));
        for (Path f : setAsideFiles(run)) {
            total += Files.size(f);
        }
        return total;
    }

    private static long lastStep(Path run) throws IOException {
        return Checkpointer.openLast(run).state().step();
    }

    private static long assertSameParameters(Path a, Path b) throws IOException {
        List<float[]> pa = parameters(a.resolve(RunLayout.LAST));
        List<float[]> pb = parameters(b.resolve(RunLayout.LAST));
        assertEquals(pa.size(), pb.size());
        long values = 0;
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i), pb.get(i), "parameter " + i);
            values += pa.get(i).length;
        }
        return values;
    }

    private static List<float[]> parameters(Path modelDir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LoadedModel loaded = ModelArtifacts.load(modelDir, m, null);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : loaded.model().getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }

    /** Every line but its timings (wall time, training time, tokens/s). */
    private static List<List<Object>> metrics(Path run) throws IOException {
        return MetricsLog.read(run.resolve(RunDirectory.METRICS)).stream()
                .map(
                        r ->
                                Arrays.<Object>asList(
                                        r.event(),
                                        r.step(),
                                        r.epoch(),
                                        r.loss(),
                                        r.lr(),
                                        r.devLoss(),
                                        r.devNll(),
                                        r.devPpl(),
                                        r.devBleu(),
                                        r.devChrf(),
                                        r.best()))
                .toList();
    }

    private static int assertSameMetrics(Path a, Path b) throws IOException {
        List<List<Object>> ma = metrics(a);
        assertEquals(ma, metrics(b));
        return ma.size();
    }

    private static void assertSameState(Path a, Path b) throws IOException {
        TrainingState sa = Checkpointer.openLast(a).state();
        TrainingState sb = Checkpointer.openLast(b).state();
        assertEquals(untimed(sa), untimed(sb));
    }

    private static TrainingState untimed(TrainingState s) {
        return new TrainingState(
                s.step(),
                s.epoch(),
                s.batchInEpoch(),
                s.seed(),
                s.bestMetric(),
                s.bestStep(),
                s.validationsWithoutImprovement(),
                0,
                s.targetTokens());
    }

    private static List<String> checkpointNames(Path run) throws IOException {
        return Checkpointer.list(run).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static void assertNoLeftovers(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve(RunLayout.CHECKPOINTS))) {
            List<String> hidden =
                    s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, "unfinished checkpoints left");
        }
        try (Stream<Path> s = Files.list(run)) {
            List<String> links =
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.contains(".tmp-"))
                            .toList();
            assertEquals(List.of(), links, "unfinished links left");
        }
    }

    private static List<Path> setAsideFiles(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(p -> MetricsLog.isSetAside(p.getFileName().toString())).toList();
        }
    }

    /** Lines moved aside; each complete one lies after the step its file is named for. */
    private static long setAsideLines(Path run) throws IOException {
        Pattern name = Pattern.compile("metrics\\.after-step-(\\d+)(\\.\\d+)?\\.jsonl");
        long lines = 0;
        for (Path f : setAsideFiles(run)) {
            Matcher m = name.matcher(f.getFileName().toString());
            assertTrue(m.matches());
            long after = Long.parseLong(m.group(1));
            String text = Files.readString(f);
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                lines++;
                Matcher step = Pattern.compile("\"step\":(\\d+)").matcher(line);
                if (line.endsWith("}") && step.find()) {
                    assertTrue(Long.parseLong(step.group(1)) > after, f + ": " + line);
                }
            }
        }
        return lines;
    }
}
