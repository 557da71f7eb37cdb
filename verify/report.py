"""Results of checking steps and derivations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

__all__ = ["StepResult", "Report", "format_table"]


@dataclass
class StepResult:
    """Outcome of one step's check.

    What ``Step.check`` returns and a :class:`Report` holds, one per step: the status, how the
    step was checked, the worst discrepancy found and the largest one accepted, and a
    human-readable detail (where it failed, SymPy's remainder, the measured order, ...).
    ``residual`` is the worst discrepancy the check measured (its meaning is given by
    ``method``: a relative difference for identities, Jacobians and values, a fraction of
    disagreeing points for conditions, the distance between measured and claimed order for
    asymptotic claims, decades for an order of magnitude, the relative ``U'`` for extrema,
    0 or 1 for dimensions) and ``tolerance`` the largest value accepted.

    Parameters
    ----------
    step : str
        The step's name.
    equation : str
        The paper's equation label (the step's ``eq``).
    kind : str
        The step's :class:`~glassderive.verify.steps.Kind` value (``"derivative"``, ...).
    status : {"pass", "fail", "error"}
        ``"error"``: the check raised (``method`` is ``"error"``, ``detail`` the exception,
        ``residual`` infinite): never a pass.
    method : str
        How it was checked, e.g. ``"symbolic+numeric (mpmath 40 and 360 digits, 8 points)"``;
        ``symbolic+`` means SymPy agreed too (it never passes a step by itself).
    residual : float
        The worst discrepancy measured (``inf`` for an error or a qualitative failure).
    tolerance : float
        The largest residual accepted.
    detail : str, optional
        Where and why it failed, notes on the extra points and assumptions tested.
    seconds : float, optional
        Time the check took (of the original run, for a cached outcome).
    uses : tuple of str, optional
        Names of the earlier steps whose verified expressions the step uses.
    cached : bool, optional
        ``True`` when the outcome was read from the verification cache, not re-run.
    key : str, optional
        The content fingerprint (SHA-256) the outcome belongs to.

    Attributes
    ----------
    ok : bool
        ``status == "pass"``.

    Notes
    -----
    Proves: nothing by itself; it records what the step's check established (see the step
    class).  A pass taken from the cache (``cached``) is the outcome of an earlier run of a
    step with the same fingerprint.

    Cannot prove: the residuals of different kinds are in different units, so they are not
    comparable across steps (``Report.worst_residual`` is only a rough summary).

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Identity
    >>> x = sp.Symbol("x", positive=True)
    >>> res = Identity("square", (x + 1)**2, x**2 + 2*x + 1, eq="(1)").check()
    >>> res.ok, res.status, res.equation, res.kind
    (True, 'pass', '(1)', 'algebra')
    >>> res.residual <= res.tolerance
    True
    """

    step: str
    equation: str
    kind: str
    status: str  # "pass" | "fail" | "error"
    method: str
    residual: float
    tolerance: float
    detail: str = ""
    seconds: float = 0.0
    uses: tuple = ()        # names of the earlier steps whose verified expressions it uses
    cached: bool = False    # outcome taken from the verification cache (not re-run)
    key: str = ""           # content fingerprint the outcome belongs to

    @property
    def ok(self) -> bool:
        return self.status == "pass"

    def line(self) -> str:
        """One line for the terminal: status, step, equation, (cached), kind, uses, method,
        residual, tolerance and detail."""
        eq = f" [{self.equation}]" if self.equation else ""
        uses = f" uses {', '.join(self.uses)};" if self.uses else ""
        cached = " (cached)" if self.cached else ""
        return (f"{self.status.upper():5s} {self.step}{eq}{cached} ({self.kind};{uses} {self.method}) "
                f"residual={self.residual:.2e} tol={self.tolerance:.1e}"
                + (f": {self.detail}" if self.detail else ""))


@dataclass
class Report:
    """Verification report of a derivation: one :class:`StepResult` per step.

    What ``Derivation.verify`` returns.  ``print(report)`` gives a header and one line per
    step; in Jupyter it displays as a table (:meth:`_repr_html_`); ``report["name"]`` is the
    result of one step.

    Parameters
    ----------
    derivation : str
        The derivation's name.
    steps : list of StepResult, optional
        The outcomes, in chain order.
    seconds : float, optional
        Wall time of the verification.

    Attributes
    ----------
    ok : bool
        ``True`` when there is at least one step and every step passed.
    passed, failed : int
        How many steps passed, and how many did not (``"fail"`` or ``"error"``).
    failures : list of StepResult
        The steps that did not pass, in chain order.
    worst_residual : float
        The largest residual of any step (mixed units across kinds: a rough summary).

    Notes
    -----
    Proves: ``ok`` is true only if every step's check passed: each step proves what its
    class's check proves, nothing more.

    Cannot prove: that the steps cover the whole derivation, and, for outcomes marked
    ``cached``, anything newer than the run that stored them (they are keyed by the steps'
    content and the engine's source).

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Derivation, Identity
    >>> x = sp.Symbol("x", positive=True)
    >>> d = Derivation("report-demo", "Demo", "A. Author (2026)", "(1)-(2)")
    >>> _ = d.add(Identity("square", (x + 1)**2, x**2 + 2*x + 1, eq="(1)"))
    >>> _ = d.add(Identity("wrong", (x - 1)**2, x**2 + 1, eq="(2)"))
    >>> report = d.verify()
    >>> report.ok, report.passed, report.failed, [s.step for s in report.failures]
    (False, 1, 1, ['wrong'])
    >>> report["square"].status
    'pass'
    """

    derivation: str
    steps: List[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(s.ok for s in self.steps)

    @property
    def passed(self) -> int:
        return sum(s.ok for s in self.steps)

    @property
    def failed(self) -> int:
        return len(self.steps) - self.passed

    @property
    def failures(self) -> List[StepResult]:
        return [s for s in self.steps if not s.ok]

    @property
    def worst_residual(self) -> float:
        return max((s.residual for s in self.steps), default=0.0)

    def __getitem__(self, step_name: str) -> StepResult:
        for s in self.steps:
            if s.step == step_name:
                return s
        raise KeyError(f"no step named {step_name!r} in the report of {self.derivation!r}")

    def upstream_failures(self) -> dict:
        """Steps that passed but use (directly or through other steps) a step that did not:
        step name -> the failed steps it rests on.  Their own check passed, but what they
        build on is not established."""
        failed = {s.step for s in self.steps if not s.ok}
        rests: dict = {}
        for s in self.steps:   # chain order: a step's links come before it
            bad = set()
            for u in s.uses:
                if u in failed:
                    bad.add(u)
                bad |= rests.get(u, set())
            if bad:
                rests[s.step] = bad
        return {k: sorted(v) for k, v in rests.items() if k not in failed}

    def __repr__(self) -> str:
        return (f"<Report {self.derivation!r}: {'OK' if self.ok else 'FAILED'}, "
                f"{self.passed}/{len(self.steps)} steps passed, worst residual "
                f"{self.worst_residual:.1e}, {self.seconds:.1f} s>")

    def _repr_html_(self) -> str:
        """A table for Jupyter: a header (derivation, OK/FAILED, steps passed, seconds), then
        one row per step, failures (``fail`` and ``error``) first and the chain order kept
        within each group, with the status in colour (and "(cached)"), the step, the
        equation, the kind, the method, the residual, the tolerance, the steps it uses and
        the first 300 characters of the detail.  Text is HTML-escaped."""
        import html

        colours = {"pass": "#1a7f37", "fail": "#cf222e", "error": "#9a6700"}
        rows = sorted(self.steps, key=lambda s: s.ok)  # stable: failures first, chain order
        head = (f"<p><b>{html.escape(self.derivation)}</b>: "
                f"<span style='color:{colours['pass' if self.ok else 'fail']}'>"
                f"{'OK' if self.ok else 'FAILED'}</span> &mdash; {self.passed} of "
                f"{len(self.steps)} steps passed, {self.seconds:.1f} s</p>")
        cells = ["status", "step", "equation", "kind", "method", "residual", "tolerance",
                 "uses", "detail"]
        out = [head, "<table>", "<thead><tr>" + "".join(f"<th style='text-align:left'>{c}</th>"
                                                         for c in cells) + "</tr></thead>",
               "<tbody>"]
        up = self.upstream_failures()
        for s in rows:
            status = (f"<b style='color:{colours.get(s.status, '#000')}'>{s.status.upper()}"
                      f"</b>" + (" (cached)" if s.cached else "")
                      + (f"<br><small>rests on failed: {html.escape(', '.join(up[s.step]))}"
                         f"</small>" if s.step in up else ""))
            vals = [status, html.escape(s.step), html.escape(s.equation), html.escape(s.kind),
                    html.escape(s.method), f"{s.residual:.2e}", f"{s.tolerance:.1e}",
                    html.escape(", ".join(s.uses)), html.escape(s.detail[:300])]
            out.append("<tr>" + "".join(f"<td style='text-align:left'>{v}</td>" for v in vals)
                       + "</tr>")
        out += ["</tbody>", "</table>"]
        return "\n".join(out)

    def __str__(self) -> str:
        head = f"{self.derivation}: {'OK' if self.ok else 'FAILED'} " \
               f"({self.passed}/{len(self.steps)} steps, {self.seconds:.1f} s)"
        up = self.upstream_failures()
        lines = []
        for s in self.steps:
            note = (f"  [rests on failed: {', '.join(up[s.step])}]" if s.step in up else "")
            lines.append("  " + s.line() + note)
        return "\n".join([head] + lines)


def format_table(reports: List[Report]) -> str:
    """The table printed by ``glassderive verify``."""
    header = ("derivation", "steps", "passed", "failed", "worst residual", "seconds")
    rows = [(r.derivation, str(len(r.steps)), str(r.passed), str(r.failed),
             f"{r.worst_residual:.2e}", f"{r.seconds:.1f}") for r in reports]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h)
              for i, h in enumerate(header)]
    def fmt(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
    lines = [fmt(header), fmt(tuple("-" * w for w in widths))] + [fmt(r) for r in rows]
    return "\n".join(lines)
