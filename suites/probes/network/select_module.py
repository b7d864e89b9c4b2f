"""Observes which I/O multiplexing APIs the select module provides (Linux CPython has select, poll, epoll)."""
import select

from pywasm_probe import probe


@probe
def select_module():
    return {name: hasattr(select, name) for name in ("select", "poll", "epoll", "kqueue", "devpoll")}
