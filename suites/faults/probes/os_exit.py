"""Fault: ends the runtime with os._exit() before any observation."""
import os

print("about to os._exit(3)", flush=True)
os._exit(3)
