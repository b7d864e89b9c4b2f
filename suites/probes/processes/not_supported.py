"""Whether any of the ways CPython offers starts a process: os.fork, os.posix_spawn, subprocess.run.

Each way runs a child that exits at once (the interpreter itself, or /bin/sh when sys.executable is empty, as on
Pyodide) and is waited for. A way that is missing, or fails with OSError or a subprocess error, started nothing;
any other exception is the probe's own bug (probe-error).
"""
import os
import sys

from pywasm_probe import probe

CHILD = sys.executable or "/bin/sh"
ARGS = [CHILD, "-c", "pass"] if sys.executable else [CHILD, "-c", "true"]


def _fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)


def _posix_spawn():
    pid = os.posix_spawn(CHILD, ARGS, dict(os.environ))
    os.waitpid(pid, 0)


def _subprocess_run():
    import subprocess
    try:
        subprocess.run(ARGS, check=True, timeout=20)
    except subprocess.SubprocessError as e:
        raise OSError(str(e)) from e


WAYS = (("os.fork", lambda: hasattr(os, "fork"), _fork),
        ("os.posix_spawn", lambda: hasattr(os, "posix_spawn"), _posix_spawn),
        ("subprocess.run", lambda: True, _subprocess_run))


@probe
def processes_not_supported():
    started = []
    failed = {}
    for name, present, start in WAYS:
        if not present():
            failed[name] = "missing"
            continue
        try:
            start()
        except ImportError as e:
            failed[name] = "ImportError: " + str(e)
        except OSError as e:
            failed[name] = type(e).__name__ + (" [" + str(e.errno) + "]" if e.errno is not None else "")
        else:
            started.append(name)
    return {"started": started, "failed": failed}
