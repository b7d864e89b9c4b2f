package dev.pywasm.compat.host.chromium;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the loopback server serves the runtime, one mode per chromium host id. The README's "Hosting
 * Python WASM builds" section makes two claims about the web server: it must send cross-origin
 * isolation headers, and it must send correct MIME types for the JavaScript and WASM files. Each mode
 * varies exactly one of those against the recommended hosting, so a difference in outcome is caused
 * by that one thing.
 */
public enum ServeMode {

    /** The README's recommended hosting: COOP/COEP (+ CORP) and correct MIME types. */
    ISOLATED("chromium", true, true),
    /** A plain static server: correct MIME types, no isolation headers. */
    PLAIN("chromium-plain", false, true),
    /**
     * Isolation headers but the runtime's JavaScript served as {@code text/plain} and its WASM as
     * {@code application/octet-stream}, what a server without {@code AddType} lines may send.
     */
    BADMIME("chromium-badmime", true, false);

    private final String hostId;
    private final boolean isolated;
    private final boolean correctMime;

    ServeMode(String hostId, boolean isolated, boolean correctMime) {
        this.hostId = hostId;
        this.isolated = isolated;
        this.correctMime = correctMime;
    }

    /** The host id catalogs and results use. */
    public String hostId() {
        return hostId;
    }

    /** Whether responses carry the cross-origin isolation headers. */
    public boolean isolated() {
        return isolated;
    }

    /** Whether the runtime's .js/.mjs/.wasm files get their correct MIME types. */
    public boolean correctMime() {
        return correctMime;
    }

    /** The headers every response of this mode carries (none in plain mode). */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (isolated) {
            h.put("Cross-Origin-Opener-Policy", "same-origin");
            h.put("Cross-Origin-Embedder-Policy", "require-corp");
            h.put("Cross-Origin-Resource-Policy", "same-origin");
        }
        return h;
    }

    /**
     * The Content-Type for a file name. {@code runtimeFile} distinguishes the runtime's files (whose
     * types this mode may get wrong) from the harness's own page and worker (always correct, or the
     * harness could not run at all).
     */
    public String contentType(String fileName, boolean runtimeFile) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (runtimeFile && !correctMime) {
            switch (ext) {
                case "js", "mjs" -> {
                    return "text/plain; charset=utf-8";
                }
                case "wasm" -> {
                    return "application/octet-stream";
                }
                default -> {
                    // everything else stays correct: only the README's "JavaScript and WASM files" vary
                }
            }
        }
        return switch (ext) {
            case "wasm" -> "application/wasm";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json", "map" -> "application/json";
            case "zip", "whl" -> "application/zip";
            case "html" -> "text/html; charset=utf-8";
            case "ts", "txt", "md" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
