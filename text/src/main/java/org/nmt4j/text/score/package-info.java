/**
 * Corpus BLEU and chrF exactly as sacreBLEU 2.6.0 computes them by default, with the same output
 * lines and signatures.
 *
 * <p>Input shapes: {@code List<String> hyps} (one hypothesis per line, never null) and {@code
 * List<List<String>> refs} <b>per line</b> ({@code refs.get(i)}: every reference of hypothesis
 * {@code i}, in any number; null entries are missing references). sacreBLEU's own shape, aligned
 * reference streams with {@code null} for a missing reference, converts with {@link
 * org.nmt4j.text.score.References#fromStreams}; files read with {@link
 * org.nmt4j.text.score.ScoreFiles}.
 *
 * <pre>{@code
 * BleuScore bleu = Bleu.corpusScore(hyps, refs);   // bleu.score(), bleu.toString()
 * ChrFScore chrf = ChrF.corpusScore(hyps, refs);   // chrf.score(), chrf.toString()
 * }</pre>
 */
package org.nmt4j.text.score;
