"""Fault: writes a file far larger than the runtime's memory into its (in-memory) file system."""
from pywasm_probe import probe, under_test


@probe
def huge():
    chunk = b"x" * (1 << 20)
    with under_test("writing 8 GiB to a file"):
        with open("/tmp/pywasm-huge-file", "wb") as f:
            for _ in range(8 << 10):  # 8 GiB
                f.write(chunk)
    return "written"
