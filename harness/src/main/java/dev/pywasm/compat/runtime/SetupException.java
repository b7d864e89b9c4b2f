package dev.pywasm.compat.runtime;

/**
 * A runtime or host that cannot be made ready (missing tool, unknown version, failed download),
 * with a message that says what to do.
 */
public class SetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
