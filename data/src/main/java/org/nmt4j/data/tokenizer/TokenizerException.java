package org.nmt4j.data.tokenizer;

/**
 * A tokenizer that cannot be trained or loaded: {@code spm_train} missing or failing, a model file
 * that is not a SentencePiece model or was trained with other special ids. The message is one line:
 * what, where, how to fix.
 */
public class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what, where, how to fix
     */
    public TokenizerException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what, where, how to fix
     * @param cause the underlying error
     */
    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
