"""Observes the host file descriptors (/proc/self/fd) held while threads (web workers) exist: epoll/eventfd/pipe counts, and how many starting threads adds."""
import os
import threading

from pywasm_probe import probe, skip


def kinds():
    """fd kind -> count, e.g. {"anon_inode:[eventpoll]": 2, "pipe": 4}."""
    out = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink("/proc/self/fd/" + fd)
        except OSError:
            continue
        kind = target.split(":")[0] if target.startswith(("pipe:", "socket:")) else target if target.startswith("anon_inode:") else "file"
        out[kind] = out.get(kind, 0) + 1
    return out


@probe
def worker_fds():
    done = threading.Event()
    threads = [threading.Thread(target=done.wait) for _ in range(2)]
    before = kinds() if os.path.isdir("/proc/self/fd") else None
    try:
        for t in threads:
            t.start()
    except RuntimeError as e:
        skip("threads cannot start here: " + str(e))
    if before is None:
        done.set()
        skip("no /proc/self/fd: the host's file descriptors are not visible")
    during = kinds()
    done.set()
    for t in threads:
        t.join(5)
    epoll = during.get("anon_inode:[eventpoll]", 0)
    added = sum(during.values()) - sum(before.values())
    return {"workers_hold_fds": epoll > 1 or added > 0, "epoll_fds": epoll,
            "eventfd_fds": during.get("anon_inode:[eventfd]", 0), "pipe_fds": during.get("pipe", 0),
            "added_by_2_threads": added}
