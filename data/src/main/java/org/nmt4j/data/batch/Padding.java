package org.nmt4j.data.batch;

/** Where pad ids go in a row shorter than its batch: after the tokens (default) or before. */
public enum Padding {
    /** Pads at the end of each row: {@code [a b c 0 0]}. */
    RIGHT,
    /** Pads at the start of each row: {@code [0 0 a b c]}. */
    LEFT
}
