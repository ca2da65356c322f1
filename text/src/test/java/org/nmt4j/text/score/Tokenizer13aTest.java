package org.nmt4j.text.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The 13a tokenizer against sacreBLEU's {@code Tokenizer13a} on recorded inputs. */
class Tokenizer13aTest {

    @Test
    void tokenize_matchesSacreBleu_onEveryFixtureLineAndEdgeCase() {
        List<String> keys = SacreBleuFixtures.numbered("tok");
        assertTrue(keys.size() > 200, "expected.properties should hold the tokenizer inputs");
        Tokenizer13a tokenizer = new Tokenizer13a();
        for (String key : keys) {
            String input = SacreBleuFixtures.expected(key + ".in");
            assertEquals(
                    SacreBleuFixtures.expected(key + ".out"),
                    tokenizer.tokenize(input),
                    key + " <" + input + ">");
        }
    }

    @Test
    void tokens_areTheSpaceSeparatedPartsOfTheTokenizedLine() {
        Tokenizer13a tokenizer = new Tokenizer13a();
        String line = SacreBleuFixtures.expected("tok.001.in");
        assertEquals(List.of(tokenizer.tokenize(line).split(" ")), tokenizer.tokens(line));
    }
}
