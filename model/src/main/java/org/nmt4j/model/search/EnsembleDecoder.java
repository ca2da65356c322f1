package org.nmt4j.model.search;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.model.EncodedSource;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.StepCache;
import org.nmt4j.model.StepScores;
import org.nmt4j.text.SpecialTokens;

/**
 * Several models searched as one, as fairseq's and Marian's ensembles are: every member encodes the
 * same source rows and is stepped with the same decoder input, and the ensemble's next-token
 * distribution is the mean of the members' probabilities, in log space:
 *
 * <pre>
 * log p(y) = log((1/N) Σᵢ pᵢ(y)) = logsumexpᵢ(log pᵢ(y)) − log N
 * </pre>
 *
 * (fairseq's choice). The mean of probabilities is itself a distribution (it sums to 1), so beam
 * scores stay log-probabilities, the GNMT length penalty and EOS compete as they do for one model,
 * and a token only one member trusts keeps half its probability; the mean of log-probabilities (a
 * product of experts) would need renormalising and lets one member's near-zero veto a token.
 *
 * <p>Rows move together: {@link Sources#select} and {@link Caches#reorder} apply the same rows to
 * every member's encoded source and KV cache, so beams reordered and sentences dropped by a search
 * stay aligned across members. Attention, when asked for, is the members' mean.
 *
 * <p>Members must agree on what a search and a tokenizer see: the special ids, both vocabulary
 * sizes (the same source ids are fed to all, and their target ids are averaged position by
 * position) and the device. The longest input is the smallest member's. Shapes: N members, n rows,
 * V target vocabulary, S source length.
 */
public final class EnsembleDecoder
        implements IncrementalDecoder<EnsembleDecoder.Sources, EnsembleDecoder.Caches> {
    private final List<Member<?, ?>> members;
    private final double logCount;
    private final int maxPositions;

    /**
     * Creates an ensemble.
     *
     * @param decoders the members (at least one), bound to their parameters on one device
     * @throws IllegalArgumentException when they differ in special ids, a vocabulary size or device
     */
    public EnsembleDecoder(List<? extends IncrementalDecoder<?, ?>> decoders) {
        if (decoders.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        IncrementalDecoder<?, ?> first = decoders.get(0);
        List<Member<?, ?>> list = new ArrayList<>(decoders.size());
        int positions = Integer.MAX_VALUE;
        for (int i = 0; i < decoders.size(); i++) {
            IncrementalDecoder<?, ?> d = decoders.get(i);
            checkAgrees(first, d, i + 1);
            positions = Math.min(positions, d.maxPositions());
            list.add(member(d));
        }
        this.members = List.copyOf(list);
        this.logCount = Math.log(decoders.size());
        this.maxPositions = positions;
    }

    private static void checkAgrees(
            IncrementalDecoder<?, ?> first, IncrementalDecoder<?, ?> d, int i) {
        mustEqual("target vocabulary size", first.targetVocabSize(), d.targetVocabSize(), i);
        mustEqual("source vocabulary size", first.sourceVocabSize(), d.sourceVocabSize(), i);
        mustEqual("special ids", first.special(), d.special(), i);
        mustEqual("device", first.device(), d.device(), i);
    }

    private static void mustEqual(String what, Object first, Object other, int i) {
        if (!first.equals(other)) {
            throw new IllegalArgumentException(
                    "ensemble models must share the "
                            + what
                            + ": model 1 has "
                            + first
                            + ", model "
                            + i
                            + " has "
                            + other
                            + "; ensemble only models trained with the same tokenizer");
        }
    }

    private static <S extends EncodedSource<S>, C extends StepCache> Member<S, C> member(
            IncrementalDecoder<S, C> decoder) {
        return new Member<>(decoder);
    }

    /**
     * Returns how many models the ensemble averages.
     *
     * @return N
     */
    public int size() {
        return members.size();
    }

    @Override
    public SpecialTokens special() {
        return members.get(0).decoder.special();
    }

    @Override
    public int sourceVocabSize() {
        return members.get(0).decoder.sourceVocabSize();
    }

    @Override
    public int targetVocabSize() {
        return members.get(0).decoder.targetVocabSize();
    }

    /**
     * Returns the longest decoder input every member accepts.
     *
     * @return the smallest member's limit
     */
    @Override
    public int maxPositions() {
        return maxPositions;
    }

    @Override
    public Device device() {
        return members.get(0).decoder.device();
    }

    @Override
    public Sources encode(NDArray source) {
        List<EncodedSource<?>> encoded = new ArrayList<>(members.size());
        try {
            for (Member<?, ?> m : members) {
                encoded.add(m.decoder.encode(source));
            }
        } catch (RuntimeException e) {
            encoded.forEach(EncodedSource::close);
            throw e;
        }
        return new Sources(encoded);
    }

    @Override
    public Caches newCache() {
        List<StepCache> caches = new ArrayList<>(members.size());
        for (Member<?, ?> m : members) {
            caches.add(m.decoder.newCache());
        }
        return new Caches(caches);
    }

    /**
     * Steps every member and averages: log of the mean probability (n,V), and the mean attention
     * (n,S) when asked for.
     */
    @Override
    public StepScores decodeStep(Sources source, NDArray input, Caches cache, boolean attention) {
        NDList logProbs = new NDList(members.size());
        NDArray attentionSum = null;
        for (int i = 0; i < members.size(); i++) {
            StepCache c = cache == null ? null : cache.members().get(i);
            StepScores s = members.get(i).step(source.members().get(i), input, c, attention);
            logProbs.add(s.logProbs());
            if (attention) {
                attentionSum =
                        attentionSum == null ? s.attention() : attentionSum.add(s.attention());
            }
        }
        NDArray mean = logMeanExp(NDArrays.stack(logProbs, 0));
        return new StepScores(mean, attentionSum == null ? null : attentionSum.div(members.size()));
    }

    /**
     * {@code logsumexp} over axis 0 minus {@code log N}, stable (the largest term is taken out) and
     * exact for a token every member gives probability 0 (−∞ stays −∞, never NaN).
     *
     * @param stacked (N,n,V) log-probabilities
     * @return (n,V) the log of the mean probability
     */
    private NDArray logMeanExp(NDArray stacked) {
        NDArray max = stacked.max(new int[] {0}, true);
        NDArray finiteMax = NDArrays.where(max.isInfinite(), max.zerosLike(), max);
        NDArray sum = stacked.sub(finiteMax).exp().sum(new int[] {0}, true);
        return sum.log().add(finiteMax).squeeze(0).sub(logCount);
    }

    /** One member, with the casts from the ensemble's untyped lists to its own state types. */
    private static final class Member<S extends EncodedSource<S>, C extends StepCache> {
        private final IncrementalDecoder<S, C> decoder;

        Member(IncrementalDecoder<S, C> decoder) {
            this.decoder = decoder;
        }

        @SuppressWarnings("unchecked") // each list slot holds what this member made
        StepScores step(
                EncodedSource<?> source, NDArray input, StepCache cache, boolean attention) {
            return decoder.decodeStep((S) source, input, (C) cache, attention);
        }
    }

    /**
     * Every member's encoded source for the same rows, in member order.
     *
     * @param members one state per member
     */
    public record Sources(List<EncodedSource<?>> members) implements EncodedSource<Sources> {

        /** Copies the list. */
        public Sources {
            members = List.copyOf(members);
        }

        /** Selects the same rows of every member's state. */
        @Override
        public Sources select(NDArray rows) {
            List<EncodedSource<?>> selected = new ArrayList<>(members.size());
            for (EncodedSource<?> s : members) {
                selected.add(s.select(rows));
            }
            return new Sources(selected);
        }

        @Override
        public NDList arrays() {
            NDList all = new NDList();
            for (EncodedSource<?> s : members) {
                all.addAll(s.arrays());
            }
            return all;
        }

        @Override
        public void close() {
            members.forEach(EncodedSource::close);
        }
    }

    /**
     * Every member's incremental state (for Transformers, their KV caches), reordered together.
     *
     * @param members one cache per member
     */
    public record Caches(List<StepCache> members) implements StepCache {

        /** Copies the list. */
        public Caches {
            members = List.copyOf(members);
        }

        /** Keeps the same rows, in the same order, in every member's cache. */
        @Override
        public void reorder(NDArray rows) {
            for (StepCache c : members) {
                c.reorder(rows);
            }
        }

        @Override
        public NDList arrays() {
            NDList all = new NDList();
            for (StepCache c : members) {
                all.addAll(c.arrays());
            }
            return all;
        }

        @Override
        public void close() {
            members.forEach(StepCache::close);
        }
    }
}
