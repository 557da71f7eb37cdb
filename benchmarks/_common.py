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
