package dev.pywasm.compat.run;

/** One cell of the matrix: a claim on a host with a runtime. */
public record Cell(String claimId, String host, String runtime) {

    @Override
    public String toString() {
        return claimId + " @ " + host + " / " + runtime;
    }
}
