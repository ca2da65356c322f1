package org.nmt4j.data.tokenizer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a unigram language model of pieces the way SentencePiece's trainer does (Kudo, 2018): seed
 * pieces from frequent substrings; then rounds of two EM steps (expected piece counts over every
 * segmentation of every word, then new log-probabilities with SentencePiece's Bayesian update,
 * digamma of the count less digamma of the total, dropping pieces expected less than half a time)
 * followed by pruning: each piece's loss is how much the likelihood falls when its occurrences in
 * the best segmentations are re-split into its best alternative, and the pieces with the largest
 * losses are kept, a quarter fewer each round, until 1.1 times the vocabulary is left. The required
 * characters and the best-scored pieces then make the vocabulary.
 *
 * <p>Words are processed in fixed chunks whose results are summed in order, so the model depends on
 * the text and settings only, not on the number of threads.
 */
final class UnigramTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(UnigramTrainer.class);
    private static final int CHUNK = 1024;
    private static final double MIN_EXPECTED = 0.5;
    private static final float REQUIRED_CHAR_PENALTY = 0.0001f;
    private static final ThreadLocal<Lattice> LATTICES = ThreadLocal.withInitial(Lattice::new);

    private final TrainingText text;
    private final TrainerSettings settings;
    private final ForkJoinPool pool;
    private final int[][] words;
    private final double[] frequencies;
    private final double totalFrequency;

    private List<int[]> pieces;
    private float[] scores;
    private PieceTrie trie;
    private double unknownScore;

    UnigramTrainer(TrainingText text, TrainerSettings settings, ForkJoinPool pool) {
        this.text = text;
        this.settings = settings;
        this.pool = pool;
        List<TrainingText.Word> ws = text.words();
        this.words = new int[ws.size()][];
        this.frequencies = new double[ws.size()];
        double total = 0;
        for (int i = 0; i < ws.size(); i++) {
            words[i] = ws.get(i).cps();
            frequencies[i] = ws.get(i).count();
            total += frequencies[i];
        }
        this.totalFrequency = total;
    }

    /**
     * Trains.
     *
     * @return the vocabulary without special pieces, best score first
     */
    List<ScoredPiece> train() {
        setModel(SeedPieces.of(text, TrainerSettings.SEED_PIECES));
        LOG.info("{} seed pieces from {} distinct words", pieces.size(), words.length);
        int desired = (int) (settings.vocabSize() * 1.1);
        while (true) {
            for (int iteration = 0; iteration < TrainerSettings.EM_SUB_ITERATIONS; iteration++) {
                double[] expected = new double[pieces.size()];
                double objective = expectation(expected);
                setModel(maximization(expected));
                LOG.debug(
                        "EM step {}: {} pieces, objective {}", iteration, pieces.size(), objective);
            }
            if (pieces.size() <= desired) {
                break;
            }
            setModel(prune(desired));
        }
        return finish();
    }

    private void setModel(List<ScoredPiece> model) {
        pieces = new ArrayList<>(model.size());
        scores = new float[model.size()];
        float min = Float.MAX_VALUE;
        for (int i = 0; i < model.size(); i++) {
            pieces.add(model.get(i).cps());
            scores[i] = (float) model.get(i).score();
            min = Math.min(min, scores[i]);
        }
        unknownScore = min - Lattice.UNKNOWN_PENALTY;
        trie = new PieceTrie(pieces);
    }

    private int chunks() {
        return (words.length + CHUNK - 1) / CHUNK;
    }

    private double expectation(double[] expected) {
        int p = pieces.size();
        double[][] partial = new double[chunks()][];
        double[] objectives = new double[chunks()];
        run(
                c -> {
                    double[] local = new double[p];
                    Lattice lattice = new Lattice();
                    double objective = 0;
                    for (int w = c * CHUNK; w < Math.min(words.length, (c + 1) * CHUNK); w++) {
                        lattice.populate(words[w], trie, scores, unknownScore);
                        double z = lattice.addMarginals(frequencies[w], local);
                        objective -= frequencies[w] * z / totalFrequency;
                    }
                    partial[c] = local;
                    objectives[c] = objective;
                });
        double objective = 0;
        for (int c = 0; c < partial.length; c++) {
            addInto(expected, partial[c]);
            objective += objectives[c];
        }
        return objective;
    }

    private List<ScoredPiece> maximization(double[] expected) {
        List<ScoredPiece> kept = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= MIN_EXPECTED) {
                kept.add(new ScoredPiece(pieces.get(i), expected[i]));
                sum += expected[i];
            }
        }
        double logSum = digamma(sum);
        List<ScoredPiece> next = new ArrayList<>(kept.size());
        for (ScoredPiece piece : kept) {
            next.add(new ScoredPiece(piece.cps(), digamma(piece.score()) - logSum));
        }
        return next;
    }

    private List<ScoredPiece> prune(int desired) {
        int p = pieces.size();
        boolean[] alwaysKeep = new boolean[p];
        int[][] alternatives = new int[p][];
        run(p, i -> alternative(i, alwaysKeep, alternatives));
        double[] frequency = new double[p];
        viterbiCounts(frequency);
        double sum = 0;
        for (double f : frequency) {
            sum += f;
        }
        double logSum = Math.log(sum);
        List<ScoredPiece> next = new ArrayList<>();
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (frequency[i] == 0 || !alwaysKeep[i]) {
                continue;
            }
            if (alternatives[i] == null) {
                next.add(new ScoredPiece(pieces.get(i), scores[i]));
                continue;
            }
            double logProbability = Math.log(frequency[i]) - logSum;
            double logSumAlternative = Math.log(sum + frequency[i] * (alternatives[i].length - 1));
            double logProbabilityAlternative = 0;
            for (int a : alternatives[i]) { // -1: an unknown node, never counted
                double f = a >= 0 ? frequency[a] : 0;
                logProbabilityAlternative += Math.log(f + frequency[i]) - logSumAlternative;
            }
            double share = frequency[i] / totalFrequency;
            candidates.add(new double[] {i, share * (logProbability - logProbabilityAlternative)});
        }
        candidates.sort(
                (a, b) -> {
                    int c = Double.compare(b[1], a[1]);
                    return c != 0 ? c : Double.compare(a[0], b[0]);
                });
        int size = Math.max(desired, (int) (TrainerSettings.SHRINKING_FACTOR * p));
        for (double[] c : candidates) {
            if (next.size() >= size) {
                break;
            }
            int i = (int) c[0];
            next.add(new ScoredPiece(pieces.get(i), scores[i]));
        }
        LOG.debug("pruned {} pieces to {}", p, next.size());
        return next;
    }

    /** Whether piece i is its own best segmentation and, if so, its best split otherwise. */
    private void alternative(int i, boolean[] alwaysKeep, int[][] alternatives) {
        int[] cps = pieces.get(i);
        alwaysKeep[i] = true;
        if (cps.length == 1) {
            return;
        }
        Lattice lattice = LATTICES.get();
        lattice.populate(cps, trie, scores, unknownScore);
        int[] path = new int[cps.length];
        int n = lattice.viterbi(i, path);
        if (n < 0) {
            return;
        }
        if (lattice.bestScore() > scores[i]) {
            alwaysKeep[i] = false;
        } else {
            alternatives[i] = Arrays.copyOf(path, n);
        }
    }

    private void viterbiCounts(double[] frequency) {
        int p = pieces.size();
        double[][] partial = new double[chunks()][];
        run(
                c -> {
                    double[] local = new double[p];
                    Lattice lattice = new Lattice();
                    int[] path = new int[64];
                    for (int w = c * CHUNK; w < Math.min(words.length, (c + 1) * CHUNK); w++) {
                        if (path.length < words[w].length) {
                            path = new int[words[w].length];
                        }
                        lattice.populate(words[w], trie, scores, unknownScore);
                        int n = lattice.viterbi(-2, path);
                        for (int k = 0; k < n; k++) {
                            if (path[k] >= 0) {
                                local[path[k]] += frequencies[w];
                            }
                        }
                    }
                    partial[c] = local;
                });
        for (double[] local : partial) {
            addInto(frequency, local);
        }
    }

    private List<ScoredPiece> finish() {
        Map<String, Integer> index = new HashMap<>();
        float min = Float.MAX_VALUE;
        for (int i = 0; i < pieces.size(); i++) {
            index.put(new String(pieces.get(i), 0, pieces.get(i).length), i);
            min = Math.min(min, scores[i]);
        }
        Map<String, ScoredPiece> chosen = new HashMap<>();
        float penalty = 0;
        for (TrainingText.RequiredChar c : text.requiredChars()) {
            String s = Character.toString(c.cp());
            Integer i = index.get(s);
            float score = i != null ? scores[i] : min + penalty;
            if (i == null) {
                penalty += REQUIRED_CHAR_PENALTY;
            }
            chosen.put(s, new ScoredPiece(new int[] {c.cp()}, score));
        }
        int limit = settings.vocabSize() - settings.metaPieces();
        List<ScoredPiece> byScore = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            byScore.add(new ScoredPiece(pieces.get(i), scores[i]));
        }
        byScore.sort(ScoredPiece::byScoreThenText);
        for (ScoredPiece piece : byScore) {
            if (chosen.size() >= limit) {
                break;
            }
            chosen.putIfAbsent(piece.text(), piece);
        }
        List<ScoredPiece> result = new ArrayList<>(chosen.values());
        result.sort(ScoredPiece::byScoreThenText);
        return result;
    }

    private void run(IntConsumer chunkTask) {
        run(chunks(), chunkTask);
    }

    private void run(int n, IntConsumer task) {
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(task)).join();
    }

    private static void addInto(double[] total, double[] part) {
        for (int i = 0; i < total.length; i++) {
            total[i] += part[i];
        }
    }

    /** The digamma function, as SentencePiece approximates it. */
    static double digamma(double x) {
        double result = 0;
        for (; x < 7; ++x) {
            result -= 1 / x;
        }
        x -= 0.5;
        double xx = 1.0 / x;
        double xx2 = xx * xx;
        double xx4 = xx2 * xx2;
        return result
                + Math.log(x)
                + xx2 / 24.0
                - 7.0 / 960.0 * xx4
                + 31.0 / 8064.0 * xx4 * xx2
                - 127.0 / 30720.0 * xx4 * xx4;
    }
}
