"""Results of checking steps and derivations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

__all__ = ["StepResult", "Report", "format_table"]


@dataclass
class StepResult:
    """Outcome of one step's check.

    ``residual`` is the worst discrepancy the check measured (its meaning is given by ``method``:
    a relative difference for identities and values, a fraction of disagreeing points for
    conditions, the distance between measured and claimed order for asymptotic claims) and
    ``tolerance`` the largest value accepted.
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
        eq = f" [{self.equation}]" if self.equation else ""
        uses = f" uses {', '.join(self.uses)};" if self.uses else ""
        cached = " (cached)" if self.cached else ""
        return (f"{self.status.upper():5s} {self.step}{eq}{cached} ({self.kind};{uses} {self.method}) "
                f"residual={self.residual:.2e} tol={self.tolerance:.1e}"
                + (f": {self.detail}" if self.detail else ""))


@dataclass
class Report:
    """Verification report of a derivation: one ``StepResult`` per step."""

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

    def __repr__(self) -> str:
        return (f"<Report {self.derivation!r}: {'OK' if self.ok else 'FAILED'}, "
                f"{self.passed}/{len(self.steps)} steps passed, worst residual "
                f"{self.worst_residual:.1e}, {self.seconds:.1f} s>")

    def _repr_html_(self) -> str:
        """A table for Jupyter: one row per step, failures first, with the status, the
        equation, the kind, the method, the residual and the tolerance."""
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
        for s in rows:
            status = (f"<b style='color:{colours.get(s.status, '#000')}'>{s.status.upper()}"
                      f"</b>" + (" (cached)" if s.cached else ""))
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
        return "\n".join([head] + ["  " + s.line() for s in self.steps])


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
