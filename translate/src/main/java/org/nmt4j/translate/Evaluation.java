package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.BleuScore;
import org.nmt4j.text.score.ChrF;
import org.nmt4j.text.score.ChrFScore;

/**
 * Translates the distinct sources of a {@link ReferenceSet} with a {@link SentenceTranslator} and
 * scores them against all their references with sacreBLEU-identical BLEU and chrF: the one
 * translate-and-score path of {@code nmt evaluate}, {@code nmt demo} and dev validation during
 * training (lines longer than the model are split, not cut, everywhere).
 *
 * @param hypotheses one translation per distinct source
 * @param bleu corpus BLEU
 * @param chrf corpus chrF2
 */
public record Evaluation(List<String> hypotheses, BleuScore bleu, ChrFScore chrf) {

    /** Copies the list. */
    public Evaluation {
        hypotheses = List.copyOf(hypotheses);
    }

    /**
     * Translates and scores a test file.
     *
     * @param translator the translator
     * @param testSet the test set (at least one source)
     * @param listener hears of progress and split lines
     * @return the translations and scores
     * @throws IllegalArgumentException if the test set is empty
     */
    public static Evaluation run(
            SentenceTranslator translator, EvaluationSet testSet, TranslationListener listener) {
        if (testSet.pairs().isEmpty()) {
            throw new IllegalArgumentException(
                    testSet.summary().input() + " has no sentence pair to evaluate on");
        }
        return run(translator, testSet.pairs(), listener);
    }

    /**
     * Translates and scores grouped pairs.
     *
     * @param translator the translator
     * @param pairs the sources and their references (at least one source)
     * @param listener hears of progress and split lines (numbered from 1 in source order), and may
     *     stop the translation between batches
     * @return the translations and scores
     * @throws IllegalArgumentException if there is no source
     * @throws java.util.concurrent.CancellationException when the listener asks to stop
     */
    public static Evaluation run(
            SentenceTranslator translator, ReferenceSet pairs, TranslationListener listener) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no sentence pair to evaluate on");
        }
        List<Translation> translations = translator.translate(pairs.sources(), 1, listener);
        List<String> hyps = new ArrayList<>(translations.size());
        for (Translation t : translations) {
            hyps.add(t.text());
        }
        return new Evaluation(
                hyps,
                Bleu.corpusScore(hyps, pairs.references()),
                ChrF.corpusScore(hyps, pairs.references()));
    }
}
