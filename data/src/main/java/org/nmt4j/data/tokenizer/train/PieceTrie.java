package org.nmt4j.data.tokenizer.train;

import java.util.Arrays;
import java.util.List;

/**
 * Finds every piece that starts at a position of a word: a trie over code points whose edges live
 * in one open-addressing hash table (node, code point) to child, so that building it for a few
 * hundred thousand pieces and walking it are both cheap. Immutable once built; safe to share
 * between threads.
 */
final class PieceTrie {
    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] children;
    private int[] pieceAt = new int[16];
    private int nodes = 1;
    private int edges;
    private int mask;

    /**
     * Builds the trie of a vocabulary.
     *
     * @param pieces each piece's code points; the index is its id
     */
    PieceTrie(List<int[]> pieces) {
        int capacity = Integer.highestOneBit(Math.max(16, pieces.size() * 8)) << 1;
        keys = new long[capacity];
        children = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        Arrays.fill(pieceAt, -1);
        for (int id = 0; id < pieces.size(); id++) {
            insert(pieces.get(id), id);
        }
    }

    private void insert(int[] cps, int id) {
        int node = 0;
        for (int c : cps) {
            int child = child(node, c);
            if (child < 0) {
                child = addNode();
                put(key(node, c), child);
            }
            node = child;
        }
        pieceAt[node] = id;
    }

    private int addNode() {
        if (nodes == pieceAt.length) {
            int old = pieceAt.length;
            pieceAt = Arrays.copyOf(pieceAt, old * 2);
            Arrays.fill(pieceAt, old, pieceAt.length, -1);
        }
        return nodes++;
    }

    private static long key(int node, int c) {
        return ((long) node << 21) | c;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void put(long key, int child) {
        if ((edges + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        children[i] = child;
        edges++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        children = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int j = slot(oldKeys[i], mask);
                while (keys[j] != EMPTY) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                children[j] = oldChildren[i];
            }
        }
    }

    /**
     * Returns the child of a node along a code point.
     *
     * @param node a node (0 is the root)
     * @param c the code point
     * @return the child, or -1
     */
    int child(int node, int c) {
        long key = key(node, c);
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return children[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Returns the piece that ends at a node.
     *
     * @param node a node
     * @return its id, or -1 when the path to it is only a prefix
     */
    int pieceAt(int node) {
        return pieceAt[node];
    }
}
