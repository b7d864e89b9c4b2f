"""Observes whether threading.Thread can start a thread and join it."""
import threading

from pywasm_probe import probe, under_test


@probe
def start_thread():
    ran = []
    with under_test('threading.Thread.start and join'):
        t = threading.Thread(target=lambda: ran.append(threading.get_ident()))
        t.start()
        t.join(5)
    return {"started": bool(ran), "other_thread": bool(ran) and ran[0] != threading.get_ident()}
