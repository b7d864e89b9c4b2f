"""Observes a shared mmap of a file: write through the map, flush() (msync), and read the file back."""
import mmap
import os
import tempfile

from pywasm_probe import probe, under_test


@probe
def mmap_flush():
    fd, path = tempfile.mkstemp()
    try:
        os.write(fd, b"\0" * mmap.PAGESIZE)
        with under_test('mmap.mmap(MAP_SHARED) write and flush'):
            m = mmap.mmap(fd, mmap.PAGESIZE, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            m[:4] = b"pong"
            m.flush()
            with open(path, "rb") as f:
                persisted = f.read(4) == b"pong"
            m.close()
    finally:
        os.close(fd)
        os.unlink(path)
    return {"persisted": persisted}
