"""Observes how much of the select module works, against a full POSIX one: select() and poll() report a pipe with
data as readable, and a kernel event queue (epoll, kqueue or devpoll, whichever the platform has) exists."""
import os
import select

from pywasm_probe import probe, under_test


def readable_by_select(fd):
    with under_test("select.select([pipe], [], [], 0)"):
        return fd in select.select([fd], [], [], 0)[0]


def readable_by_poll(fd):
    if not hasattr(select, "poll"):
        return False
    with under_test("select.poll().poll(0) on a pipe"):
        p = select.poll()
        p.register(fd, select.POLLIN)
        return any(f == fd and ev & select.POLLIN for f, ev in p.poll(0))


@probe
def select_module():
    with under_test("os.pipe() and a write"):
        r, w = os.pipe()
        os.write(w, b"x")
    try:
        works = {"select": readable_by_select(r), "poll": readable_by_poll(r),
                 "event_queue": any(hasattr(select, n) for n in ("epoll", "kqueue", "devpoll"))}
    finally:
        os.close(r)
        os.close(w)
    return {"limited": not all(works.values()), "works": works,
            "present": sorted(n for n in ("select", "poll", "epoll", "kqueue", "devpoll") if hasattr(select, n))}
