package dev.pywasm.compat.suite;

import dev.pywasm.compat.claim.CatalogException;

/** A suite that cannot be used: its directory, {@code suite.yaml} or a claims source; the message names the file. */
public class SuiteException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public SuiteException(String message) {
        super(message);
    }

    public SuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
