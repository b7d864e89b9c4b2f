"""Observes importing ctypes and a minimal use: calling libc's strlen through ctypes.CDLL(None)."""
from pywasm_probe import module, probe, under_test


@probe
def ctypes_module():
    ctypes = module("ctypes")
    with under_test('ctypes.CDLL(None).strlen'):
        libc = ctypes.CDLL(None)
        return {"strlen": libc.strlen(b"pywasm"), "sizeof_int": ctypes.sizeof(ctypes.c_int)}
