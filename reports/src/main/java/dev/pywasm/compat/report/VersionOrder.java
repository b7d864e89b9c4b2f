package dev.pywasm.compat.report;

import dev.pywasm.compat.model.RuntimeIdentity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders version strings by their numbers ({@code 3.1.58 < 4.0.9 < 5.0.3}), and runtimes by them. */
public final class VersionOrder {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Numeric, part by part; text that is no version sorts after every version. */
    public static final Comparator<String> VERSIONS = VersionOrder::compare;

    /**
     * Oldest Emscripten first (unknown last), then the distribution's version, then the id: the order
     * matrix columns and the "oldest vs newest" diff use.
     */
    public static final Comparator<RuntimeIdentity> BY_EMSCRIPTEN = Comparator
            .comparing(RuntimeIdentity::emscripten, Comparator.nullsLast(VERSIONS))
            .thenComparing(RuntimeIdentity::version, Comparator.nullsLast(VERSIONS))
            .thenComparing(RuntimeIdentity::id);

    private VersionOrder() {
    }

    static int compare(String a, String b) {
        List<BigInteger> na = numbers(a);
        List<BigInteger> nb = numbers(b);
        if (na.isEmpty() != nb.isEmpty()) {
            return na.isEmpty() ? 1 : -1;
        }
        for (int i = 0; i < Math.min(na.size(), nb.size()); i++) {
            int c = na.get(i).compareTo(nb.get(i));
            if (c != 0) {
                return c;
            }
        }
        return na.size() != nb.size() ? Integer.compare(na.size(), nb.size()) : a.compareTo(b);
    }

    private static List<BigInteger> numbers(String version) {
        List<BigInteger> parts = new ArrayList<>();
        Matcher m = NUMBER.matcher(version);
        while (m.find()) {
            parts.add(new BigInteger(m.group()));
        }
        return parts;
    }
}
