"""Observes how much heap the runtime can give: 256 MiB blocks from the C allocator (malloc through ctypes: the
memory is reserved, never touched, so a 64-bit host maps it lazily) until malloc returns NULL, up to 4.5 GiB, past
the 4 GiB a wasm32 memory can ever hold. Without ctypes, zeroed bytearray blocks until MemoryError, within 20 s."""
import time

from pywasm_probe import probe, skip, under_test

BLOCK = 256 * 2**20
CAP = 18  # 4.5 GiB


def with_malloc(ctypes):
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    got = []
    with under_test("malloc(256 MiB) until NULL"):
        while len(got) < CAP:
            p = libc.malloc(BLOCK)
            if not p:
                break
            got.append(p)
    for p in got:
        libc.free(p)
    return len(got)


def with_bytearrays():
    blocks = []
    deadline = time.monotonic() + 20
    with under_test("bytearray(256 MiB) until MemoryError"):
        try:
            while len(blocks) < CAP:
                if time.monotonic() > deadline:
                    skip("no ctypes, and zeroed blocks too slow to reach the limit in 20 s (%d MiB so far)"
                         % (len(blocks) * BLOCK // 2**20))
                blocks.append(bytearray(BLOCK))
        except MemoryError:
            pass
    return len(blocks)


@probe
def heap_limit():
    try:
        import ctypes
    except ImportError:
        ctypes = None
    n = with_malloc(ctypes) if ctypes is not None else with_bytearrays()
    got = n * BLOCK
    return {"heap_limited": got < 2**32, "heap_mib": got // 2**20, "cap_mib": CAP * BLOCK // 2**20,
            "allocator": "malloc" if ctypes is not None else "bytearray"}
