package org.nmt4j.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void closest_findsTyposButNotUnrelatedNames() {
        List<String> keys = List.of("warmup_steps", "lr", "lr_scale", "label_smoothing");
        assertEquals(Optional.of("warmup_steps"), Suggestions.closest("warmup_step", keys));
        assertEquals(Optional.of("label_smoothing"), Suggestions.closest("label_smothing", keys));
        assertEquals(Optional.of("lr_scale"), Suggestions.closest("lr_sacle", keys));
        assertEquals(Optional.of("warmup_steps"), Suggestions.closest("warmup", keys));
        assertEquals(Optional.empty(), Suggestions.closest("colour", keys));
    }

    @Test
    void distance_isTheLevenshteinDistance() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("a", "a"));
        assertEquals(2, Suggestions.distance("", "ab"));
    }
}
