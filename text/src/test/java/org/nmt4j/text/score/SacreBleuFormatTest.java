package org.nmt4j.text.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed-point formatting as Python's {@code f"{x:.Nf}"}, on numbers recorded from Python. */
class SacreBleuFormatTest {

    @Test
    void fixed_roundsTheExactBinaryValueHalfToEven_asPythonDoes() {
        List<String> keys = SacreBleuFixtures.numbered("fmt");
        assertFalse(keys.isEmpty());
        for (String key : keys) {
            double value = SacreBleuFixtures.expectedDouble(key + ".value");
            int width = Integer.parseInt(SacreBleuFixtures.expected(key + ".width"));
            assertEquals(
                    SacreBleuFixtures.expected(key + ".out"),
                    SacreBleuFormat.fixed(value, width),
                    key + " " + value);
        }
    }
}
