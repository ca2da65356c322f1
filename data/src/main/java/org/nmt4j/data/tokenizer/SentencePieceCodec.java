package org.nmt4j.data.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.text.SpecialTokens;

/**
 * Text to ids and ids to text with one SentencePiece model, through SentencePiece-DJL. The model
 * must have been trained with this project's special ids (pad 0, unk 1, bos 2, eos 3; checked on
 * loading). {@link #encode} returns the pieces' ids only: BOS/EOS are added by the batch builder
 * (the one place of the target shift), and {@link #decode} drops pad, BOS and EOS.
 *
 * <p>Text is normalised with {@link TextNormalizer} before encoding, and the models are trained
 * with SentencePiece's identity rule, so {@code decode(encode(t))} equals {@code
 * TextNormalizer.normalize(t)} for text made of characters the model knows (any text with byte
 * fallback).
 *
 * <p>Holds native memory: close it (try-with-resources). Encoding and decoding may be called from
 * several threads at once.
 */
public final class SentencePieceCodec implements AutoCloseable {
    private static final String[] SPECIAL_PIECES = {"<pad>", "<unk>", "<s>", "</s>"};

    private final Path modelFile;
    private final SpTokenizer tokenizer;
    private final SpProcessor processor;
    private final SpmModelFile.Vocabulary vocabulary;
    private final PieceDecoder decoder;
    private final int vocabSize;

    private SentencePieceCodec(Path modelFile, byte[] bytes) {
        this.modelFile = modelFile;
        this.vocabulary = SpmModelFile.read(bytes);
        this.vocabSize = vocabulary.size();
        this.decoder = new PieceDecoder(vocabulary);
        this.tokenizer = new SpTokenizer(bytes);
        this.processor = tokenizer.getProcessor();
    }

    /**
     * Loads a SentencePiece model file and checks its special ids.
     *
     * @param modelFile the {@code .model} file
     * @return the codec
     * @throws TokenizerException if the file is missing, not a model, or has other special ids
     */
    public static SentencePieceCodec load(Path modelFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new TokenizerException(
                    "cannot read SentencePiece model "
                            + modelFile
                            + ": "
                            + e.getMessage()
                            + "; check tokenizer.model / source_model / target_model",
                    e);
        }
        SentencePieceCodec codec;
        try {
            codec = new SentencePieceCodec(modelFile, bytes);
        } catch (RuntimeException e) {
            throw new TokenizerException(
                    modelFile
                            + " is not a SentencePiece model ("
                            + e.getMessage()
                            + "); train one with './nmt prepare' or point the config at a .model"
                            + " file",
                    e);
        }
        codec.checkSpecialIds();
        return codec;
    }

    /**
     * Encodes a sentence to piece ids (normalising it first); no BOS or EOS.
     *
     * @param text the sentence
     * @return the piece ids
     */
    public int[] encode(String text) {
        return processor.encode(TextNormalizer.normalize(text));
    }

    /**
     * Encodes a sentence to pieces, for display (e.g. attention plots).
     *
     * @param text the sentence
     * @return the pieces, e.g. {@code [▁Hola, ▁mundo]}
     */
    public List<String> pieces(String text) {
        return Arrays.asList(processor.tokenize(TextNormalizer.normalize(text)));
    }

    /**
     * Decodes ids to text as SentencePiece does; pad, BOS and EOS ids are dropped, unknown pieces
     * become {@code " ⁇ "}. (Done in Java: SentencePiece-DJL's native decode garbles characters
     * outside the Basic Multilingual Plane, such as emoji.)
     *
     * @param ids the ids
     * @return the detokenized text
     */
    public String decode(int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException(
                        "id "
                                + id
                                + " is outside the vocabulary [0, "
                                + vocabSize
                                + ") of "
                                + modelFile);
            }
        }
        return decoder.decode(ids);
    }

    /**
     * Returns the piece of one id.
     *
     * @param id the id, in [0, vocabSize)
     * @return the piece, e.g. {@code ▁casa}
     */
    public String piece(int id) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("id " + id + " is outside [0, " + vocabSize + ")");
        }
        return vocabulary.pieces().get(id);
    }

    /**
     * Returns the vocabulary size (the number of pieces, special ones included).
     *
     * @return the size
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * Returns the special ids, which this class has checked against the model.
     *
     * @return pad 0, unk 1, bos 2, eos 3
     */
    public SpecialTokens special() {
        return SpecialTokens.DEFAULT;
    }

    /**
     * Returns the model file this codec was loaded from.
     *
     * @return the path
     */
    public Path modelFile() {
        return modelFile;
    }

    private void checkSpecialIds() {
        for (int id = 0; id < SPECIAL_PIECES.length; id++) {
            String piece = id < vocabSize ? vocabulary.pieces().get(id) : null;
            byte type = id < vocabSize ? vocabulary.types()[id] : 0;
            byte expected = id == 1 ? SpmModelFile.UNKNOWN : SpmModelFile.CONTROL;
            if (!SPECIAL_PIECES[id].equals(piece) || type != expected) {
                close();
                throw new TokenizerException(
                        modelFile
                                + ": id "
                                + id
                                + " is '"
                                + piece
                                + "', expected '"
                                + SPECIAL_PIECES[id]
                                + "'; the model must be trained with"
                                + " --pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3 (retrain it with"
                                + " './nmt prepare')");
            }
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
