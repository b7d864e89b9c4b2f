"""Observes a file offset past 4 GiB: lseek there, write 1 byte, fstat (sparse on a real file system, nothing else written)."""
import os
import tempfile

from pywasm_probe import probe, under_test


@probe
def large_file():
    offset = 2**32 + 10  # one step past 4 GiB: a 32-bit off_t or size cannot hold it
    fd, path = tempfile.mkstemp()
    try:
        with under_test('os.lseek past 4 GiB, os.write, os.fstat'):
            pos = os.lseek(fd, offset, os.SEEK_SET)
            os.write(fd, b"x")
            size = os.fstat(fd).st_size
    finally:
        os.close(fd)
        os.unlink(path)
    return {"large_ok": pos == offset and size == offset + 1, "offset": pos, "size": size}
