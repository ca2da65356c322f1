package org.nmt4j.model;

import ai.djl.ndarray.NDArray;

/**
 * Projected keys and values of one attention block, kept between decoding steps.
 *
 * <p>Shapes: (B,H,L,E/H) for both, where L grows by one position per step for self-attention and is
 * the source length S for cross-attention. The cache owns its arrays: replaced arrays are closed.
 */
public final class KeyValueCache {
    private NDArray keys;
    private NDArray values;

    /**
     * Returns whether nothing is cached yet.
     *
     * @return true before the first step
     */
    public boolean isEmpty() {
        return keys == null;
    }

    /**
     * Returns the number of cached positions L.
     *
     * @return L, 0 when empty
     */
    public int length() {
        return keys == null ? 0 : (int) keys.getShape().get(2);
    }

    NDArray keys() {
        return keys;
    }

    NDArray values() {
        return values;
    }

    /** Stores keys and values computed once (cross-attention). */
    void set(NDArray newKeys, NDArray newValues) {
        replace(newKeys, newValues);
    }

    /** Appends the new positions' keys and values along the length axis (self-attention). */
    void append(NDArray newKeys, NDArray newValues) {
        if (keys == null) {
            replace(newKeys, newValues);
        } else {
            replace(keys.concat(newKeys, 2), values.concat(newValues, 2));
        }
    }

    /**
     * Keeps the given batch rows, in the given order (beam reordering, dropping finished rows).
     *
     * @param rows (B') int64 indices into the current batch axis
     */
    public void reorder(NDArray rows) {
        if (keys != null) {
            replace(keys.get(rows), values.get(rows));
        }
    }

    private void replace(NDArray newKeys, NDArray newValues) {
        NDArray oldKeys = keys;
        NDArray oldValues = values;
        keys = newKeys;
        values = newValues;
        if (oldKeys != null && oldKeys != newKeys) {
            oldKeys.close();
        }
        if (oldValues != null && oldValues != newValues) {
            oldValues.close();
        }
    }
}
