"""Observes time.strftime with glibc-only conversions and flags (%-d, %_d, %k, %l, %P, %^a, %#b) on 2024-03-05 07:08:09."""
import time

from pywasm_probe import probe


@probe
def strftime_glibc():
    t = time.struct_time((2024, 3, 5, 7, 8, 9, 1, 65, 0))
    glibc = {"%-d": "5", "%_d": " 5", "%k": " 7", "%l": " 7", "%P": "am", "%^a": "TUE", "%#b": "MAR"}
    results = {}
    for fmt, expected in glibc.items():
        try:
            results[fmt] = time.strftime(fmt, t) == expected
        except ValueError:
            results[fmt] = False
    return {"any_supported": any(results.values()), "supported": sorted(k for k, ok in results.items() if ok)}
