"""Observation helpers for pywasm-compat probes.

A probe observes one statement of the README and reports what happened, never what it expected.
It reports exactly one observation as a single line on stdout:

    PYWASM-OBSERVATION {"outcome": "returned" | "raised" | "missing" | "inapplicable", ...}

- returned:     the observed API call completed; "value" is the probe's JSON result.
- raised:       it raised; "exception", "errno" (number), "errno_name" (errno.errorcode), "message".
- missing:      the module or attribute the probe looked up does not exist; "what" names it.
- inapplicable: the premise of the claim is absent on this runtime; "reason" says why.

Crashes, exits and hangs of the runtime are observed by the harness, not by the probe.
"""
import errno as _errno
import importlib as _importlib
import json as _json
import sys as _sys

MARKER = "PYWASM-OBSERVATION "
_reported = False


class Missing(Exception):
    """Raised by api() when a module or attribute does not exist."""

    def __init__(self, what):
        super().__init__(what)
        self.what = what


class Inapplicable(Exception):
    """Raised by a probe when the claim's premise is absent on this runtime."""


def api(dotted):
    """Resolve 'module.attr.attr' -> object, raising Missing when any part does not exist."""
    parts = dotted.split(".")
    obj = None
    for i in range(len(parts), 0, -1):
        name = ".".join(parts[:i])
        try:
            obj = _importlib.import_module(name)
        except ImportError:
            continue
        rest = parts[i:]
        break
    else:
        raise Missing(parts[0])
    for attr in rest:
        if not hasattr(obj, attr):
            raise Missing(dotted)
        obj = getattr(obj, attr)
    return obj


def module(name):
    """Import a module, raising Missing when it is not there."""
    try:
        return _importlib.import_module(name)
    except ImportError:
        raise Missing(name) from None


def skip(reason):
    raise Inapplicable(reason)


def jsonable(value):
    """Turn a probe's return value into JSON, keeping repr() for anything else."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return repr(value)


def describe(exc):
    """The observation of an exception: type, errno as number and as the runtime names it, message."""
    if isinstance(exc, Missing):
        return {"outcome": "missing", "what": exc.what}
    if isinstance(exc, Inapplicable):
        return {"outcome": "inapplicable", "reason": str(exc)}
    cls = type(exc)
    name = cls.__name__ if cls.__module__ == "builtins" else cls.__module__ + "." + cls.__name__
    obs = {"outcome": "raised", "exception": name, "message": str(exc)[:500]}
    code = getattr(exc, "errno", None)
    if isinstance(code, int):
        obs["errno"] = code
        obs["errno_name"] = _errno.errorcode.get(code)
    return obs


def report(observation):
    """Print the observation line. Only the first report counts."""
    global _reported
    if _reported:
        return
    _reported = True
    _sys.stdout.write(MARKER + _json.dumps(observation, sort_keys=True) + "\n")
    _sys.stdout.flush()


def observe(fn, *args, **kwargs):
    """Run fn and return its observation without reporting it."""
    try:
        return {"outcome": "returned", "value": jsonable(fn(*args, **kwargs))}
    except BaseException as exc:  # SystemExit and KeyboardInterrupt are observations too
        return describe(exc)


def probe(fn):
    """Decorator: run the probe function now and report what happened."""
    report(observe(fn))
    return fn


def defines(*flags):
    """The C preprocessor's predefined macros, {name: value}, as the README dumps them
    (``emcc -dM -E - < /dev/null``) with extra compiler flags. Only on the compile-time host
    (emcc), which names the compiler in PYWASM_EMCC; elsewhere the claim does not apply."""
    import os
    import shlex
    import subprocess

    emcc = os.environ.get("PYWASM_EMCC")
    if not emcc:
        skip("no C compiler here: compile-time probes run on the emcc host")
    expanded = []
    for flag in flags:
        expanded.extend(shlex.split(os.environ.get("PYWASM_BUILD_CFLAGS", "")) if flag == "$BUILD_CFLAGS" else [flag])
    done = subprocess.run([emcc, *expanded, "-dM", "-E", "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError("emcc %s -dM -E - failed (%d): %s"
                           % (" ".join(expanded), done.returncode, done.stderr.strip()[-300:]))
    macros = {}
    for line in done.stdout.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[0] == "#define":
            macros[parts[1]] = parts[2] if len(parts) == 3 else ""
    return macros


def feature_macro(name, enable, disable):
    """Whether ``name`` behaves as a feature detection flag: defined when the feature is switched
    on (``enable`` flags), absent when switched off (``disable`` flags); also reports it with no
    flags and with the source build's own CFLAGS, for the record."""
    return {
        "enabled": name in defines(*enable),
        "disabled": name in defines(*disable),
        "default": name in defines(),
        "build_cflags": name in defines("$BUILD_CFLAGS"),
        "enable_flags": " ".join(enable),
        "disable_flags": " ".join(disable) or "(none)",
    }
