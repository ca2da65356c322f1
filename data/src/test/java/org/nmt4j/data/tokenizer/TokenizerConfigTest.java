package org.nmt4j.data.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TokenizerConfigTest {

    @Test
    void config_defaultsToJointUnigram8kWithFullCoverage() {
        TokenizerConfig c = TokenizerConfig.defaults();
        assertEquals(TokenizerConfig.Type.UNIGRAM, c.type());
        assertEquals(8000, c.vocabSize());
        assertEquals(1.0, c.characterCoverage());
        assertTrue(c.joint());
        assertFalse(c.byteFallback());
        assertFalse(c.loadsExisting());
    }

    private static void assertRejected(String key, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void config_rejectsBadValues_namingTheKey() {
        assertRejected(
                "tokenizer.vocab_size",
                () -> new TokenizerConfig(null, 4, null, null, null, null, null, null, null, null));
        assertRejected(
                "tokenizer.character_coverage",
                () ->
                        new TokenizerConfig(
                                null, null, 1.5, null, null, null, null, null, null, null));
        assertRejected(
                "tokenizer.input_sentence_size",
                () -> new TokenizerConfig(null, null, null, null, null, 0, null, null, null, null));
    }

    @Test
    void config_rejectsModelsThatDoNotMatchJoint() {
        Path m = Path.of("spm.model");
        assertRejected(
                "tokenizer.source_model",
                () -> new TokenizerConfig(null, null, null, true, null, null, null, m, m, null));
        assertRejected(
                "tokenizer.model",
                () ->
                        new TokenizerConfig(
                                null, null, null, false, null, null, m, null, null, null));
        assertRejected(
                "given together",
                () ->
                        new TokenizerConfig(
                                null, null, null, false, null, null, null, m, null, null));
    }

    @Test
    void withModels_switchesToLoadingExistingModels() {
        TokenizerConfig joint = TokenizerConfig.defaults().withModel(Path.of("a.model"));
        assertTrue(joint.loadsExisting());
        assertTrue(joint.joint());
        TokenizerConfig separate =
                TokenizerConfig.defaults().withModels(Path.of("s.model"), Path.of("t.model"));
        assertFalse(separate.joint());
        assertEquals(Path.of("t.model"), separate.targetModel());
    }

    @Test
    void type_parsesAnyCase() {
        assertEquals(TokenizerConfig.Type.BPE, TokenizerConfig.Type.parse("BPE"));
        assertEquals("bpe", TokenizerConfig.Type.BPE.spmName());
        assertThrows(IllegalArgumentException.class, () -> TokenizerConfig.Type.parse("wordpiece"));
    }
}
