"""Observes unbounded recursion at the default recursion limit: pure Python, Python through C calls, and C recursion (repr of a deeply nested list)."""
import sys

from pywasm_probe import probe


def pure():
    return pure()


def through_c():
    return list(map(lambda _: through_c(), [0]))


def nested_repr():
    deep = []
    for _ in range(200_000):
        deep = [deep]
    return repr(deep)


@probe
def unbounded_recursion():
    clean = {}
    for name, fn in (("pure_python", pure), ("through_c", through_c), ("c_repr", nested_repr)):
        try:
            fn()
            clean[name] = False
        except RecursionError:
            clean[name] = True
    return {"clean": all(clean.values()), "recursion_error": clean, "limit": sys.getrecursionlimit()}
