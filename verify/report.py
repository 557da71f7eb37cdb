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
