"""Observes how many host file descriptors (/proc/self/fd) starting one thread (a web worker) adds, and of what kind."""
import os
import threading

from pywasm_probe import probe, skip


def fds():
    return {fd: os.readlink("/proc/self/fd/" + fd) for fd in os.listdir("/proc/self/fd")}


@probe
def worker_fds():
    if not os.path.isdir("/proc/self/fd"):
        skip("no /proc/self/fd: the host's file descriptors are not visible")
    before = fds()
    done = threading.Event()
    t = threading.Thread(target=done.wait)
    try:
        t.start()
    except RuntimeError as e:
        skip("threads cannot start here: " + str(e))
    during = fds()
    done.set()
    t.join(5)
    new = sorted(v.split(":")[0] if ":" in v else "file" for k, v in during.items() if k not in before)
    return {"extra_fds": len(new) > 0, "count": len(new), "kinds": sorted(set(new)), "fds_before": len(before)}
