package org.nmt4j.data.download;

/**
 * A download that failed or produced something other than what was expected. The message is one
 * line: what, where, how to fix; nothing is left under the final file names.
 */
public class DownloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what, where, how to fix
     * @param cause the underlying error, or null
     */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
