"""Observes whether the object allocator (pymalloc/obmalloc) is in use: sys.getallocatedblocks() stays 0 without it."""
import sys
import sysconfig

from pywasm_probe import probe


@probe
def obmalloc():
    keep = [object() for _ in range(1000)]
    blocks = sys.getallocatedblocks()
    del keep
    return {"obmalloc": blocks > 0, "allocated_blocks": blocks, "WITH_PYMALLOC": sysconfig.get_config_var("WITH_PYMALLOC")}
