package dev.pywasm.compat.bisect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every cell a bisection ran, kept under {@code <cache>/bisect/cells/<host>/<runtime>/<claim>.json}, and every
 * runtime identity it read, under {@code <cache>/bisect/runtimes/<runtime>.json}, so a second bisection over
 * the same releases runs nothing. A cell is reused only while its key is the same: a SHA-256 of the probe
 * program (the probe's source and the probe helper), the claim's catalog entry (what it predicts, its
 * timeout, ...), the runtime and the host (its identity and isolation); changing any of them runs the cell
 * again. ERROR and FLAKY cells are not kept: they say nothing stable, and are run again next time.
 */
final class CellCache {

    private final Path dir;
    private final Catalog catalog;
    private final String hostKey;
    private final String host;

    /**
     * @param dir       the cache directory ({@code <cache>/bisect})
     * @param host      the host's identity as detected now
     * @param isolation how the host isolates probes (part of the key: it can change what a probe sees)
     */
    CellCache(Path dir, Catalog catalog, HostIdentity host, String isolation) {
        this.dir = dir;
        this.catalog = catalog;
        this.host = host.id();
        this.hostKey = canonical(Json.mapper().valueToTree(host)) + " isolation=" + isolation;
    }

    Optional<Result> get(Claim claim, String runtime) {
        Path file = cellFile(claim, runtime);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = Json.mapper().readTree(file.toFile());
            if (!key(claim, runtime).equals(doc.path("key").asText())) {
                return Optional.empty();
            }
            return Optional.of(Json.mapper().treeToValue(doc.get("result"), Result.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as if absent; the next run of the cell replaces it
        }
    }

    /** Keeps a cell; ERROR and FLAKY cells are not kept (false). */
    boolean put(Claim claim, Result result) {
        if (result.verdict() == Verdict.ERROR || result.verdict() == Verdict.FLAKY) {
            return false;
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("key", key(claim, result.runtime()));
        doc.put("keptAt", Instant.now().toString());
        doc.set("result", Json.mapper().valueToTree(result));
        AtomicFile.write(cellFile(claim, result.runtime()), out -> Json.mapper().writeValue(out, doc));
        return true;
    }

    Optional<RuntimeIdentity> identity(String runtime) {
        Path file = dir.resolve("runtimes").resolve(safe(runtime) + ".json");
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.mapper().readValue(file.toFile(), RuntimeIdentity.class))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void putIdentity(RuntimeIdentity identity) {
        RuntimeIdentity plain = identity.withNotes(Map.of()).withResolvedFrom(null);
        AtomicFile.write(dir.resolve("runtimes").resolve(safe(identity.id()) + ".json"),
                out -> Json.mapper().writeValue(out, plain));
    }

    private Path cellFile(Claim claim, String runtime) {
        return dir.resolve("cells").resolve(safe(host)).resolve(safe(runtime)).resolve(safe(claim.id()) + ".json");
    }

    /** The cell's key: what a change of must run the cell again. */
    String key(Claim claim, String runtime) {
        String program = ProbeProgram.of(catalog.probeFile(claim), claim.probe()).stableProgram();
        ObjectNode entry = Json.mapper().valueToTree(claim);
        entry.remove("source"); // where the catalog lives is not what it says
        String text = "pywasm-compat bisect cell v1\n" + program + "\n" + canonical(entry) + "\n" + runtime + "\n" + hostKey;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text with keys sorted and arrays of plain values sorted (sets have no order), for stable keys. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), canonical(f.getValue()));
            }
            StringBuilder s = new StringBuilder("{");
            fields.forEach((k, v) -> s.append(quote(k)).append(':').append(v).append(','));
            return s.append('}').toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            boolean plain = true;
            for (JsonNode item : (ArrayNode) node) {
                items.add(canonical(item));
                plain &= item.isValueNode();
            }
            if (plain) {
                items.sort(null);
            }
            return "[" + String.join(",", items) + "]";
        }
        return node.toString();
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
