"""Observes how much heap Python can get: 256 MiB blocks until MemoryError, up to 4.5 GiB (past the 4 GiB a wasm32
memory can ever hold; a 64-bit host maps the zeroed blocks lazily, nothing is touched), then the recursion depth a
C-level recursion (repr of nested lists) reaches before RecursionError with a raised recursion limit."""
import sys

from pywasm_probe import probe, under_test

BLOCK = 256 * 2**20
CAP = 18  # 4.5 GiB


@probe
def heap_limit():
    blocks = []
    with under_test("bytearray(256 MiB) until MemoryError"):
        try:
            while len(blocks) < CAP:
                blocks.append(bytearray(BLOCK))
        except MemoryError:
            pass
    got = len(blocks) * BLOCK
    del blocks
    return {"heap_limited": got < 2**32, "heap_mib": got // 2**20, "cap_mib": CAP * BLOCK // 2**20}
