"""Progress bars for long computations (tqdm on stderr).

``progress`` arguments across glassderive accept ``False``/``None`` (silent), ``True`` (a live
bar, for a terminal) or ``"log"`` (a plain line at most every 30 s: a CI log or a redirected
stderr shows that the computation is alive without filling up with redraws).
"""

from __future__ import annotations

import sys

__all__ = ["progress_iter", "progress_bar", "LOG_INTERVAL_S"]

#: seconds between two progress lines in ``"log"`` mode
LOG_INTERVAL_S = 30.0


def _kwargs(progress) -> dict:
    if progress == "log":
        return dict(mininterval=LOG_INTERVAL_S, maxinterval=4 * LOG_INTERVAL_S, ascii=True,
                    ncols=80, leave=True)
    return dict(dynamic_ncols=True, leave=False)


def progress_bar(total: int, desc: str, progress, unit: str = "it"):
    """A tqdm bar (``None`` when ``progress`` is falsy)."""
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, **_kwargs(progress))


def progress_iter(it, total: int, desc: str, unit: str, progress):
    """``it`` wrapped in a bar (unchanged when ``progress`` is falsy)."""
    if not progress:
        return it
    from tqdm import tqdm

    return tqdm(it, total=total, desc=desc, unit=unit, file=sys.stderr, **_kwargs(progress))
