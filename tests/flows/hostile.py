"""Stand-ins for a hostile parse, run inside the sandbox child by the guard tests."""

from __future__ import annotations

import time


def allocate(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    blob = bytearray(2 * 1024 * 1024 * 1024)  # 2 GB: over the cap
    return {"ok": True, "size": len(blob)}


def spin(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    end = time.monotonic() + 60
    total = 0
    while time.monotonic() < end:
        total += 1
    return {"ok": True, "total": total}


def sleep_or_echo(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    if path.endswith("slow"):
        time.sleep(30)
    return {"ok": True, "path": path, "sender": sender, "filename": filename}


_poisoned = False


def native_oom_then_hang(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    """A native library running out of memory (reported as a failure, not MemoryError) and
    leaving the process stuck: every later document in this process hangs."""
    global _poisoned
    import os

    if _poisoned:
        time.sleep(60)
    if path.endswith("oom"):
        _poisoned = True
        return {"ok": False, "reason": "không đọc được tệp DOCX: error: OpenCV(5.1.0) (-4:Insufficient "
                                       "memory) Failed to allocate 139301484 bytes"}  # fmt: skip
    return {"ok": True, "pid": os.getpid()}


def cycles(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    """Leaves ``int(path's name)`` reference cycles behind; says whether the collector ran
    automatically during the call and how many garbage cycles the previous call left."""
    import gc
    import weakref

    class Node:
        pass

    global _last_cycle
    left = _last_cycle is not None and _last_cycle() is not None
    for _ in range(int(path.rsplit("/", 1)[-1])):
        node = Node()
        node.self = node
    node = Node()
    node.self = node
    _last_cycle = weakref.ref(node)
    return {"ok": True, "collector_on": gc.isenabled(), "previous_cycle_alive": left}


_last_cycle = None


def loaded(path: str, sender: str | None = None, filename: str | None = None) -> dict:
    """Which of the comma-separated module names in the path's last part are imported here."""
    import sys

    names = path.rsplit("/", 1)[-1].split(",")
    return {"ok": True, "loaded": [name for name in names if name in sys.modules]}
