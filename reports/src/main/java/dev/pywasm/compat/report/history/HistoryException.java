package dev.pywasm.compat.report.history;

/** The history store cannot be read or written; the message names the file and what to do. */
public final class HistoryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
