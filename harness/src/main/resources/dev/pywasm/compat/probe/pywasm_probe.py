"""Observation helpers for pywasm-compat probes.

A probe observes one statement of the README and reports what happened, never what it expected.
It reports exactly one observation as a single line on stdout, carrying the run's token (which the
harness gives each run; a line without it is not an observation):

    PYWASM-OBSERVATION <token> {"outcome": "returned" | "raised" | "missing" | "inapplicable" | "probe-error", ...}

- returned:     the probe function completed; "value" is the probe's JSON result.
- raised:       the call under test (a ``with under_test("name"):`` block or ``call("name", fn, ...)``)
                raised; "call" names it, then "exception", "errno" (number), "errno_name"
                (errno.errorcode), "message".
- missing:      the module or attribute the probe looked up with api()/module() does not exist; "what".
- inapplicable: the premise of the claim is absent on this runtime (skip()); "reason" says why.
- probe-error:  the probe's own code failed: an exception outside every call under test, or a
                SyntaxError / NameError / misuse of this helper anywhere; "traceback" is the evidence.

Crashes, exits and hangs of the runtime are observed by the harness, not by the probe.
"""
import errno as _errno
import importlib as _importlib
import json as _json
import sys as _sys
import traceback as _traceback

MARKER = "PYWASM-OBSERVATION "
_reported = False
_token = None
# The exception the innermost call under test let out, and the call's name: only that exception
# (by identity) is an observation; anything else escaping the probe is the probe's own bug.
_escaped = [None, None]
_active = []
# Exceptions that are never the runtime's answer: the probe itself is wrong.
_PROBE_BUGS = (SyntaxError, NameError)


class Missing(Exception):
    """Raised by api() when a module or attribute does not exist."""

    def __init__(self, what):
        super().__init__(what)
        self.what = what


class Inapplicable(Exception):
    """Raised by a probe when the claim's premise is absent on this runtime."""


class ProbeMisuse(Exception):
    """The helper was used wrongly (always a probe error)."""


def _arm(token):
    """Called once by the harness's program before the probe runs: the run's token."""
    global _token
    if _token is not None:
        raise ProbeMisuse("the run's token is set once, by the harness")
    _token = str(token)


class under_test:
    """``with under_test("socket.bind"):`` marks the API call the probe observes. An exception
    leaving the block (other than a probe bug) is the observation ``raised``, naming the call."""

    def __init__(self, name):
        if not isinstance(name, str) or not name:
            raise ProbeMisuse("under_test() needs the name of the call it observes, got %r" % (name,))
        self.name = name

    def __enter__(self):
        _active.append(self.name)
        return self

    def __exit__(self, cls, exc, tb):
        _active.pop()
        if exc is not None and _escaped[0] is not exc:
            _escaped[0], _escaped[1] = exc, self.name
        return False


def call(name, fn, *args, **kwargs):
    """Call ``fn(*args, **kwargs)`` as the API call under test named ``name`` (see under_test)."""
    if not callable(fn):
        raise ProbeMisuse("call(%r, ...) needs a callable, got %r" % (name, fn))
    with under_test(name):
        return fn(*args, **kwargs)


def api(dotted):
    """Resolve 'module.attr.attr' -> object, raising Missing when any part does not exist."""
    if not isinstance(dotted, str) or not dotted:
        raise ProbeMisuse("api() needs a dotted name, got %r" % (dotted,))
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
    if not isinstance(name, str) or not name:
        raise ProbeMisuse("module() needs a module name, got %r" % (name,))
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


def probe_error(exc, why):
    """The observation of a bug in the probe itself: why, and the traceback as evidence."""
    text = "".join(_traceback.format_exception(type(exc), exc, exc.__traceback__))
    return {"outcome": "probe-error", "message": why + ": " + _name(exc) + ": " + str(exc)[:300],
            "traceback": text[-3000:]}


def _name(exc):
    cls = type(exc)
    return cls.__name__ if cls.__module__ == "builtins" else cls.__module__ + "." + cls.__name__


def describe(exc):
    """The observation of an exception that left the probe function: missing / inapplicable from the
    helper, raised when the call under test let it out, else a probe error."""
    if isinstance(exc, Missing):
        return {"outcome": "missing", "what": exc.what}
    if isinstance(exc, Inapplicable):
        return {"outcome": "inapplicable", "reason": str(exc)}
    if isinstance(exc, ProbeMisuse):
        return probe_error(exc, "the probe misuses pywasm_probe")
    if isinstance(exc, _PROBE_BUGS):
        return probe_error(exc, "the probe's code is broken")
    if _escaped[0] is not exc:
        return probe_error(exc, "raised by the probe's own code, outside every call under test")
    obs = {"outcome": "raised", "call": _escaped[1], "exception": _name(exc), "message": str(exc)[:500]}
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
    _sys.stdout.write(MARKER + (_token or "-") + " " + _json.dumps(observation, sort_keys=True) + "\n")
    _sys.stdout.flush()


def observe(fn, *args, **kwargs):
    """Run fn and return its observation without reporting it."""
    _escaped[0] = _escaped[1] = None
    try:
        return {"outcome": "returned", "value": jsonable(fn(*args, **kwargs))}
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from a call under test are observations too
        return describe(exc)


def probe(fn):
    """Decorator: run the probe function now and report what happened."""
    if not callable(fn):
        raise ProbeMisuse("@probe decorates the probe function, got %r" % (fn,))
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


def emscripten_version():
    """The Emscripten version the runtime was built with, as a string ("3.1.58"), or None off Emscripten:
    sys._emscripten_info (CPython 3.11+), else what platform.platform() names ("Emscripten-3.1.58-...")."""
    import platform
    import re

    info = getattr(_sys, "_emscripten_info", None)
    if info is not None and getattr(info, "emscripten_version", None):
        return ".".join(str(part) for part in info.emscripten_version)
    m = re.search(r"Emscripten-(\d+(?:\.\d+)*)", platform.platform())
    return m.group(1) if m else None


def older_than(version, floor):
    """Whether dotted version ``version`` is before ``floor`` ("3.1.6" before "3.1.8")."""
    return tuple(int(p) for p in version.split(".")) < tuple(int(p) for p in floor.split("."))


def pause(seconds):
    """Let ``seconds`` pass without time.sleep, running bytecode all the while (so signal handlers run).

    time.sleep cannot be trusted on every runtime under test: CPython 3.11 sleeps with
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME), and Emscripten before 3.1.8 ignores the flag and
    sleeps for the absolute deadline, i.e. forever (emscripten-core/emscripten#16453, fixed in 3.1.8).
    A probe that waited with time.sleep would time out for a reason that is not its claim's."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass
