package org.nmt4j.model.search;

/**
 * How a search runs, apart from what it searches for ({@link DecodeConfig}).
 *
 * @param cached true (the default) for incremental decoding with the KV cache; false re-runs the
 *     decoder over the whole prefix at every step, a slow reference used only by tests and the
 *     benchmark
 * @param attention true to record each output step's cross-attention (for heatmaps)
 */
public record SearchOptions(boolean cached, boolean attention) {

    /** Cached decoding, no attention recorded. */
    public static final SearchOptions DEFAULT = new SearchOptions(true, false);

    /**
     * Returns a copy that records attention or not.
     *
     * @param record whether to record attention
     * @return the copy
     */
    public SearchOptions withAttention(boolean record) {
        return new SearchOptions(cached, record);
    }

    /**
     * Returns a copy that uses the KV cache or not.
     *
     * @param useCache whether to decode incrementally with the cache
     * @return the copy
     */
    public SearchOptions withCache(boolean useCache) {
        return new SearchOptions(useCache, attention);
    }
}
