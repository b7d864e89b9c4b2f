package dev.pywasm.compat.claim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dotted version comparison ("3.1.32" > "3.1.8"); non-numeric tails are ignored. */
public final class Versions {

    private static final Pattern NUMBERS = Pattern.compile("\\d+(?:\\.\\d+)*");

    private Versions() {
    }

    public static int compare(String a, String b) {
        String[] x = numbers(a);
        String[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static String[] numbers(String version) {
        Matcher m = NUMBERS.matcher(version == null ? "" : version);
        return m.find() ? m.group().split("\\.") : new String[0];
    }
}
