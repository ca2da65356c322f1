package org.nmt4j.text.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number and signature formatting exactly as sacreBLEU writes them. */
final class SacreBleuFormat {

    /** The sacreBLEU version whose computation and output format this package reproduces. */
    static final String VERSION = "2.6.0";

    private SacreBleuFormat() {}

    /**
     * Python's {@code f"{x:.{width}f}"}: the exact binary value rounded half-to-even, which Java's
     * {@code String.format} does not do (it rounds the shortest decimal form half-up, so 0.125
     * would become 0.13 instead of Python's 0.12).
     */
    static String fixed(double x, int width) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(x).setScale(width, RoundingMode.HALF_EVEN).toPlainString();
        return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    /** The score line: {@code NAME|SIGNATURE = SCORE[ VERBOSE]}. */
    static String scoreLine(
            String name, String signature, double score, int width, String verbose) {
        String line = name + "|" + signature + " = " + fixed(score, width);
        return verbose.isEmpty() ? line : line + " " + verbose;
    }
}
