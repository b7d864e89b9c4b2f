package dev.pywasm.compat.expect;

/** An expectation file that cannot be used; the message names the file and the entry. */
public class ExpectationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpectationException(String message) {
        super(message);
    }

    public ExpectationException(String message, Throwable cause) {
        super(message, cause);
    }
}
