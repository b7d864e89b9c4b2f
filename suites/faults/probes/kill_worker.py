"""Fault: ends the JavaScript worker the runtime runs in (Node's worker thread or process, the browser's Web Worker)."""
import js

print("ending my own worker", flush=True)
if hasattr(js, "process") and hasattr(js.process, "exit"):
    js.process.exit(9)  # Node: ends this worker thread (or the driver's process)
else:
    js.close()  # a Web Worker: ends it after this task
    while True:  # and never report
        pass
