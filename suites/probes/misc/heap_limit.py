"""Observes reserving 5 GiB of anonymous memory with mmap (more than wasm32 can address; lazily mapped, never touched, on a 64-bit host)."""
import mmap

from pywasm_probe import probe


@probe
def heap_limit():
    m = mmap.mmap(-1, 5 * 2**30)
    m.close()
    return {"reserved_gib": 5}
