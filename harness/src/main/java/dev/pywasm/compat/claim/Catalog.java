package dev.pywasm.compat.claim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pywasm.compat.model.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims catalog: every {@code *.yaml} file of a directory, each holding one README section's
 * claims. Loading validates everything a run relies on and fails with one message naming the file
 * and the entry.
 */
public final class Catalog {

    /** A claim's probe timeout when it names none; like every claim timeout it counts from the hand-over of the program. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<String, Claim> claims;
    private final List<NotCheckable> notCheckable;
    private final Path probesDir;

    private Catalog(Map<String, Claim> claims, List<NotCheckable> notCheckable, Path probesDir) {
        this.claims = Collections.unmodifiableMap(claims);
        this.notCheckable = List.copyOf(notCheckable);
        this.probesDir = probesDir;
    }

    /**
     * @param engines which other hosts each host a claim of this file names stands for too: the engines the
     *                section's statements are about (e.g. {@code chromium: [firefox, webkit]} for "in browsers");
     *                file-level, so that the claims themselves keep naming the host they were written against
     * @param notCheckable the section's sentences no claim quotes, each with why it cannot be checked (see
     *                {@link NotCheckable})
     */
    record FileDto(String section, Map<String, List<String>> engines, List<ClaimDto> claims,
                   @JsonProperty("not_checkable") List<NotCheckableDto> notCheckable) {
    }

    record ClaimDto(String id, String quote, List<String> hosts, String probe, List<MatcherDto> predicts,
                    String timeout, String note, Boolean reload,
                    @JsonProperty("refuted_by") List<MatcherDto> refutedBy, String control,
                    @JsonProperty("not_checkable") String notCheckable) {
    }

    record NotCheckableDto(String quote, String reason) {
    }

    record MatcherDto(String outcome, String exception, List<String> errno, JsonNode value,
                      @JsonProperty("min_version") String minVersion, String why) {
    }

    /**
     * Loads {@code claimsDir/*.yaml} in file-name order; probe paths resolve against {@code probesDir}.
     *
     * @param knownHosts the host ids a claim may name (the host registry's; the catalog knows no host itself)
     */
    public static Catalog load(Path claimsDir, Path probesDir, Set<String> knownHosts) {
        if (!Files.isDirectory(claimsDir)) {
            throw new CatalogException(claimsDir + ": claims directory does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(claimsDir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(claimsDir + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new CatalogException(claimsDir + ": no *.yaml catalog files");
        }
        Map<String, Claim> claims = new LinkedHashMap<>();
        Map<String, NotCheckable> sentences = new LinkedHashMap<>();
        for (Path file : files) {
            FileDto dto = read(file);
            for (Claim claim : claims(dto, file, probesDir, knownHosts)) {
                Claim before = claims.putIfAbsent(claim.id(), claim);
                if (before != null) {
                    throw new CatalogException(file + ": entry '" + claim.id() + "': id already used in "
                            + before.source());
                }
            }
            for (NotCheckable entry : notCheckable(dto, file)) {
                NotCheckable before = sentences.putIfAbsent(entry.quote(), entry);
                if (before != null) {
                    throw new CatalogException(entry.where() + ": the same words are already an entry in " + before.source());
                }
            }
        }
        List<NotCheckable> notCheckable = new ArrayList<>(sentences.values());
        claims.values().stream().filter(c -> c.notCheckable() != null)
                .map(c -> new NotCheckable(c.quote(), c.notCheckable(), c.section(), c.source(), c.id()))
                .forEach(notCheckable::add);
        return new Catalog(claims, notCheckable, probesDir);
    }

    private static FileDto read(Path file) {
        FileDto dto;
        try {
            dto = YAML.readValue(file.toFile(), FileDto.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CatalogException(file + ": line " + e.getLocation().getLineNr() + ": unknown field '"
                    + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new CatalogException(file + ": " + where + "not a valid catalog file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (dto == null || blank(dto.section())) {
            throw new CatalogException(file + ": missing 'section' (the README heading the claims stand under)");
        }
        if ((dto.claims() == null || dto.claims().isEmpty()) && (dto.notCheckable() == null || dto.notCheckable().isEmpty())) {
            throw new CatalogException(file + ": no 'claims' (and no 'not_checkable' sentences)");
        }
        return dto;
    }

    /**
     * The file's {@code not_checkable} sentences: each names the README's words and a reason. Whether the
     * words stand in the README, and that no claim covers them already, is checked where the README is read
     * ({@code ReadmeCoverage.problems}).
     */
    private static List<NotCheckable> notCheckable(FileDto dto, Path file) {
        List<NotCheckable> result = new ArrayList<>();
        List<NotCheckableDto> entries = dto.notCheckable() == null ? List.of() : dto.notCheckable();
        for (int i = 0; i < entries.size(); i++) {
            NotCheckableDto e = entries.get(i);
            String entry = file + ": not_checkable[" + (i + 1) + "]";
            if (e == null || blank(e.quote())) {
                throw new CatalogException(entry + ": missing 'quote' (the README's exact words of the sentence)");
            }
            if (blank(e.reason())) {
                throw new CatalogException(entry + " \"" + collapse(e.quote()) + "\": missing 'reason' (why no probe "
                        + "can check the sentence, and what would make it checkable)");
            }
            result.add(new NotCheckable(collapse(e.quote()), collapse(e.reason()), dto.section(), file, null));
        }
        return result;
    }

    private static List<Claim> claims(FileDto dto, Path file, Path probesDir, Set<String> knownHosts) {
        if (dto.claims() == null) {
            return List.of();
        }
        List<Claim> result = new ArrayList<>();
        for (int i = 0; i < dto.claims().size(); i++) {
            ClaimDto c = dto.claims().get(i);
            String entry = file + ": entry " + (i + 1) + (c == null || c.id() == null ? "" : " '" + c.id() + "'");
            if (c == null) {
                throw new CatalogException(entry + ": empty entry");
            }
            result.add(toClaim(c, dto.section(), file, probesDir, knownHosts, entry, engines(dto, file, knownHosts)));
        }
        return result;
    }

    /** The file's {@code engines} map, each host in it checked against the registry's. */
    private static Map<String, List<String>> engines(FileDto dto, Path file, Set<String> knownHosts) {
        Map<String, List<String>> engines = dto.engines() == null ? Map.of() : dto.engines();
        engines.forEach((host, also) -> {
            if (also == null) {
                throw new CatalogException(file + ": 'engines': '" + host + "' needs a list of hosts");
            }
            Stream.concat(Stream.of(host), also.stream())
                    .filter(h -> !knownHosts.contains(h)).findFirst().ifPresent(h -> {
                        throw new CatalogException(file + ": 'engines': unknown host '" + h + "' (known: " + knownHosts + ")");
                    });
        });
        return engines;
    }

    private static Claim toClaim(ClaimDto c, String section, Path file, Path probesDir, Set<String> knownHosts,
            String entry, Map<String, List<String>> engines) {
        if (blank(c.id()) || !ID.matcher(c.id()).matches()) {
            throw new CatalogException(entry + ": 'id' must be lower case words joined by '.' or '-', got '"
                    + c.id() + "'");
        }
        if (blank(c.quote())) {
            throw new CatalogException(entry + ": missing 'quote' (the README's exact words)");
        }
        if (c.hosts() == null || c.hosts().isEmpty()) {
            throw new CatalogException(entry + ": missing 'hosts' (any of " + knownHosts + ")");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : c.hosts()) {
            if (!knownHosts.contains(host)) {
                throw new CatalogException(entry + ": unknown host '" + host + "' (known: " + knownHosts + ")");
            }
            hosts.add(host);
            hosts.addAll(engines.getOrDefault(host, List.of()));
        }
        if (blank(c.probe())) {
            throw new CatalogException(entry + ": missing 'probe' (a file under " + probesDir + ")");
        }
        Path probe = probesDir.resolve(c.probe()).normalize();
        if (!probe.startsWith(probesDir.normalize()) || !Files.isRegularFile(probe)) {
            throw new CatalogException(entry + ": probe file '" + c.probe() + "' not found under " + probesDir);
        }
        if (c.predicts() == null || c.predicts().isEmpty()) {
            throw new CatalogException(entry + ": missing 'predicts' (what the README predicts)");
        }
        List<dev.pywasm.compat.claim.Matcher> predicts = new ArrayList<>();
        for (int j = 0; j < c.predicts().size(); j++) {
            predicts.add(toPrediction(c.predicts().get(j), entry + ": predicts[" + (j + 1) + "]"));
        }
        if (c.refutedBy() == null || c.refutedBy().isEmpty()) {
            throw new CatalogException(entry + ": missing 'refuted_by' (at least one observation that would refute "
                    + "the claim, e.g. refuted_by: [{outcome: returned}]): a claim that nothing refutes cannot fail");
        }
        List<dev.pywasm.compat.claim.Matcher> refutedBy = new ArrayList<>();
        for (int j = 0; j < c.refutedBy().size(); j++) {
            refutedBy.add(toCounterexample(c.refutedBy().get(j), predicts, entry + ": refuted_by[" + (j + 1) + "]"));
        }
        if (c.control() != null && c.control().isBlank()) {
            throw new CatalogException(entry + ": 'control' is empty (say why the claim is not STALE on the native control host)");
        }
        if (c.notCheckable() != null && c.notCheckable().isBlank()) {
            throw new CatalogException(entry + ": 'not_checkable' is empty (say why no runtime and host here can check "
                    + "the claim, and what would make it checkable)");
        }
        Duration timeout = c.timeout() == null ? DEFAULT_TIMEOUT : parseDuration(c.timeout(), entry);
        return new Claim(c.id(), section, collapse(c.quote()), hosts, c.probe(), predicts, timeout, c.note(),
                Boolean.TRUE.equals(c.reload()), file, refutedBy, c.control(),
                c.notCheckable() == null ? null : collapse(c.notCheckable()));
    }

    /**
     * A prediction: never an outcome only the harness's own failures give; a {@code raised} names the exception
     * type and/or errno (a bare one would also match the probe's own bug); a {@code timed-out} says why (the
     * README predicts a hang there), else a hang of the harness would pass for the README being right.
     */
    private static dev.pywasm.compat.claim.Matcher toPrediction(MatcherDto m, String where) {
        dev.pywasm.compat.claim.Matcher matcher = toMatcher(m, where);
        switch (matcher.outcome()) {
            case PROBE_ERROR, MALFORMED, INAPPLICABLE -> throw new CatalogException(where + ": outcome '"
                    + matcher.outcome().wireName() + "' cannot be predicted (it is never an observation of the README)");
            case RAISED -> {
                if (matcher.exception() == null && matcher.errno().isEmpty()) {
                    throw new CatalogException(where + ": a 'raised' prediction must name the exception type "
                            + "('exception') and/or the errno ('errno'); a bare 'raised' also matches a broken probe");
                }
            }
            case TIMED_OUT -> {
                if (blank(m.why())) {
                    throw new CatalogException(where + ": 'timed-out' may be predicted only with a 'why' saying where "
                            + "the README predicts a hang; otherwise a hang is TIMEOUT, never HOLDS");
                }
            }
            default -> {
            }
        }
        if (m.why() != null && matcher.outcome() != Outcome.TIMED_OUT) {
            throw new CatalogException(where + ": 'why' only goes with outcome 'timed-out'");
        }
        return matcher;
    }

    /** A counterexample: an observation a probe reports, which no prediction matches (so the judge says STALE). */
    private static dev.pywasm.compat.claim.Matcher toCounterexample(MatcherDto m,
            List<dev.pywasm.compat.claim.Matcher> predicts, String where) {
        dev.pywasm.compat.claim.Matcher matcher = toMatcher(m, where);
        if (matcher.outcome() != Outcome.RETURNED && matcher.outcome() != Outcome.RAISED
                && matcher.outcome() != Outcome.MISSING) {
            throw new CatalogException(where + ": a counterexample is an observation the probe reports: outcome "
                    + "returned, raised or missing, got '" + matcher.outcome().wireName() + "'");
        }
        if (m.why() != null) {
            throw new CatalogException(where + ": 'why' only goes with a 'timed-out' prediction");
        }
        for (dev.pywasm.compat.claim.Matcher p : predicts) {
            if (p.matches(matcher.example())) {
                throw new CatalogException(where + ": " + matcher.describe() + " is what the README predicts ("
                        + p.describe() + "), so it refutes nothing");
            }
        }
        return matcher;
    }

    private static dev.pywasm.compat.claim.Matcher toMatcher(MatcherDto m, String where) {
        if (m == null || blank(m.outcome())) {
            throw new CatalogException(where + ": missing 'outcome'");
        }
        Outcome outcome;
        try {
            outcome = Outcome.fromWireName(m.outcome());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(where + ": " + e.getMessage(), e);
        }
        if ((m.value() != null || m.minVersion() != null) && outcome != Outcome.RETURNED) {
            throw new CatalogException(where + ": 'value' and 'min_version' only go with outcome 'returned'");
        }
        if ((m.exception() != null || m.errno() != null) && outcome != Outcome.RAISED) {
            throw new CatalogException(where + ": 'exception' and 'errno' only go with outcome 'raised'");
        }
        return new dev.pywasm.compat.claim.Matcher(outcome, m.exception(), m.errno(), m.value(), m.minVersion());
    }

    static Duration parseDuration(String text, String entry) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CatalogException(entry + ": 'timeout' must look like 500ms, 20s or 2m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** Collapses runs of white space to one space, as quotes are compared with the README's wrapped text. */
    public static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<Claim> claims() {
        return List.copyOf(claims.values());
    }

    /**
     * The sentences of the README the catalog answers for without a verdict: the files' {@code not_checkable}
     * entries, in file order, then the claims with a {@code not_checkable} reason.
     */
    public List<NotCheckable> notCheckable() {
        return notCheckable;
    }

    public Claim claim(String id) {
        Claim c = claims.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no claim '" + id + "' in the catalog");
        }
        return c;
    }

    public Path probesDir() {
        return probesDir;
    }

    public Path probeFile(Claim claim) {
        return probesDir.resolve(claim.probe());
    }
}
