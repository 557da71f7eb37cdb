"""What the benchmark scripts share: the description of the machine a run was measured on."""

from __future__ import annotations

import os
import platform

__all__ = ["machine"]


def machine():
    """(one line naming the machine and library versions, the load average at the start)."""
    import mpmath as mp
    import numpy as np
    import scipy

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"{platform.platform()}, {cpu}; `os.cpu_count()` = {os.cpu_count()}; Python "
            f"{platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
            f"mpmath {mp.__version__}; BLAS threads pinned to 1", load)


def cpu_median(fn, repeats):
    """(median CPU seconds of ``repeats`` calls of ``fn()``, the last call's result)."""
    import statistics
    import time

    times, out = [], None
    for _ in range(repeats):
        t0 = time.process_time()
        out = fn()
        times.append(time.process_time() - t0)
    return statistics.median(times), out


def finish(lines, head, rows, output, tail=()):
    """The report: ``lines`` (title and notes), the table ``head``/``rows`` (first column
    left-aligned, the others right), ``tail``; printed, and written to ``output`` if given."""
    lines = list(lines) + [
        "",
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(head) - 1),
    ] + ["| " + " | ".join(r) + " |" for r in rows] + list(tail)
    text = "\n".join(lines) + "\n"
    print(text)
    if output:
        with open(output, "w") as f:
            f.write(text)
    return text
