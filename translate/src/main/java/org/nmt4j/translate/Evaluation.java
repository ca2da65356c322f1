package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;
import org.nmt4j.text.score.Bleu;
import org.nmt4j.text.score.BleuScore;
import org.nmt4j.text.score.ChrF;
import org.nmt4j.text.score.ChrFScore;

/**
 * Translates the sources of a {@link TestSet} and scores them against all their references with
 * sacreBLEU-identical BLEU and chrF.
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
     * Translates and scores a test set.
     *
     * @param translator the translator
     * @param testSet the test set (at least one source)
     * @param listener hears of progress and split lines
     * @return the translations and scores
     * @throws IllegalArgumentException if the test set is empty
     */
    public static Evaluation run(
            SentenceTranslator translator, TestSet testSet, TranslationListener listener) {
        if (testSet.sources().isEmpty()) {
            throw new IllegalArgumentException(
                    testSet.summary().input() + " has no sentence pair to evaluate on");
        }
        List<Translation> translations = translator.translate(testSet.sources(), 1, listener);
        List<String> hyps = new ArrayList<>(translations.size());
        for (Translation t : translations) {
            hyps.add(t.text());
        }
        return new Evaluation(
                hyps,
                Bleu.corpusScore(hyps, testSet.references()),
                ChrF.corpusScore(hyps, testSet.references()));
    }
}
