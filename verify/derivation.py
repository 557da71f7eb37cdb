"""The derivation model: a named, ordered chain of checked steps from a paper.

A :class:`Derivation` holds

* ``definitions``: symbols introduced by definition (rendered with ``:=``; nothing to check);
* ``steps``: :class:`~glassderive.verify.steps.Step` objects, each with its own check;
* ``results``: the named SymPy expressions the derivation establishes, each with the ordered
  arguments and the domain a numeric kernel of it accepts.

``verify()`` checks every step and returns a :class:`~glassderive.verify.report.Report`;
``latex()`` renders the chain as one ``align*`` environment, a line per step with its
justification; ``kernel(name)`` lambdifies a result into a validated numpy kernel and
``reference(name)`` gives the mpmath version of it (the high-precision reference).
"""

from __future__ import annotations

import copy
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence

import mpmath as mp
import sympy as sp
from sympy.printing.latex import LatexPrinter

from .mpeval import DEFAULT_DPS, mp_function
from .report import Report
from .steps import Step, latex_text, perturb

__all__ = ["Derivation", "Result"]


@dataclass
class Result:
    """A named result of a derivation: what ``Derivation.result`` records.

    Parameters
    ----------
    name : str
        The result's name (``Derivation.kernel(name)``, ``Derivation.reference(name)``).
    expr : sympy expression
        The expression; its free symbols must all be in ``args`` (else ``ValueError``).
    args : sequence of sympy.Symbol
        The ordered arguments of the kernel and of the mpmath reference.
    domain : dict, optional
        ``{symbol: interval}`` the kernel accepts (checked on every call).
    description : str, optional
        One line for the kernel's docstring and the LaTeX of the results.
    where : sympy boolean, optional
        A joint condition on the arguments, checked by the kernel on every call.
    step : str, optional
        The verified step whose output ``expr`` is (or is a sub-expression of); empty for a
        result that names none (see ``Derivation.unverified_results``).
    """

    name: str
    expr: sp.Expr
    args: Sequence[sp.Symbol]
    domain: Mapping = field(default_factory=dict)
    description: str = ""
    where: object = None   # a joint condition on the arguments (SymPy boolean), or None
    step: str = ""         # the verified step whose expression this result is

    def __post_init__(self):
        missing = sp.sympify(self.expr).free_symbols - set(self.args)
        if missing:
            raise ValueError(f"result {self.name!r}: free symbols {sorted(map(str, missing))} "
                             f"are not among its arguments {list(map(str, self.args))}")


def _contains(outputs, expr) -> bool:
    """Is ``expr`` one of ``outputs`` or a sub-expression (or matrix entry) of one?"""
    for out in outputs:
        if not isinstance(out, (sp.Basic, sp.MatrixBase)):
            continue
        if out == expr:
            return True
        items = list(out) if isinstance(out, sp.MatrixBase) else [out]
        for it in items:
            if it == expr or (isinstance(it, sp.Basic) and it.has(expr) and not expr.is_Atom):
                return True
    return False


def cached_outcome(step, keys: Dict[str, str], cache):
    """(fingerprint, cached StepResult or None) of ``step``; ``keys`` holds the fingerprints of
    the steps before it (the ones it uses enter its own) and gets this one."""
    from .fingerprint import step_fingerprint

    key = step_fingerprint(step, [keys[u] for u in step.uses if u in keys])
    keys[step.name] = key
    res = cache.get(key) if cache is not None else None
    if res is not None:
        res.cached, res.step, res.equation, res.uses = True, step.name, step.eq, tuple(step.uses)
        res.key = key
    return key, res


class Derivation:
    r"""A chain of checked steps from a paper, and the results it exports.

    The authoring model of glassderive: a derivation is built by a function (registered with
    :func:`glassderive.register`, or a module-level ``build()``) that creates it, adds its
    definitions and steps in the paper's order, links each step to the earlier ones it uses
    (:meth:`ref`), and exports the expressions users import as numeric kernels
    (:meth:`result`).  :meth:`verify` runs every step's check and returns a
    :class:`~glassderive.verify.report.Report`; :meth:`latex` and :meth:`document` render the
    chain; in Jupyter the derivation displays as its steps in LaTeX (``_repr_html_``,
    ``_repr_latex_``).

    Parameters
    ----------
    name : str
        The derivation's name, what ``glassderive verify NAME`` takes: non-empty, no
        whitespace (else ``ValueError``).  It also seeds every step's random points.
    title : str
        A title (``$...$`` inline math is kept in the LaTeX document).
    paper : str
        The source: authors, journal, volume, page, year.
    equations : str
        The equations of the paper it covers, e.g. ``"(1)-(12)"``.
    summary : str, optional
        A paragraph: what is derived and how (shown by the document and in Jupyter).

    Attributes
    ----------
    definitions : list of tuple
        ``(symbol, expression, text)`` added by :meth:`define`.
    steps : list of Step
        The steps, in order.
    results : dict
        Result names mapped to their SymPy expressions (:attr:`result_info` has the full
        :class:`Result` records).
    require_verified_results : bool
        When ``True``, a :meth:`result` that names no verified step is a ``ValueError``
        (default ``False``: it is recorded with an empty ``step`` and listed by
        :meth:`unverified_results`).

    Notes
    -----
    Proves: a report with ``ok`` true says that every step's check passed (see each step
    class for what its check proves), and every result that names a step is that step's
    verified output or a sub-expression of one.  Steps linked by ``ref``/``uses`` are
    recorded, so the cache re-runs a step when a step it uses changes.

    Cannot prove: that the chain is complete, i.e. that the steps together imply the
    paper's conclusion: each step is checked on its own, as stated.  A result taken as a
    sub-expression of a verified output is only as verified as that output (the piece itself
    is not checked).  With ``require_verified_results`` false, a result can name no step at
    all.

    LaTeX.  :meth:`latex` gives one ``align*`` environment: a line ``symbol &:= expression
    && \text{definition: text}`` per definition, then a line per step,
    ``<relation> && \text{<kind>: <why>} \tag*{<eq>}``.  ``why`` (and a definition's
    ``text``) is set in ``\text{...}``: ``$...$`` spans stay inline math, while ``& % # _ |
    < > ^ ~`` in the plain text are escaped (backslashes are not; put commands inside
    ``$...$``).  ``eq`` is the tag exactly as written (``"(6)"`` prints ``(6)``); a step
    without ``eq`` has no tag, one without ``why`` shows its kind only.  The sides are
    ``sympy.latex`` of the expressions unless the step gives ``lhs_tex``/``rhs_tex``,
    ``expr_tex`` or ``tex``.

    Examples
    --------
    >>> import sympy as sp
    >>> from glassderive import Derivation, Identity, Kind
    >>> E, T = sp.symbols("E T", positive=True)
    >>> box = {E: sp.Interval(sp.Rational(1, 10), 10), T: sp.Interval(sp.Rational(1, 10), 10)}
    >>> d = Derivation("schottky-demo", "Schottky heat capacity", "textbook", "(1)-(2)")
    >>> d.require_verified_results = True
    >>> Z = d.define(sp.Symbol("Z"), 2*sp.cosh(E/(2*T)), "partition function")
    >>> _ = d.add(Identity("energy", T**2*sp.Derivative(sp.log(Z), T), -E/2*sp.tanh(E/(2*T)),
    ...                    eq="(1)", kind=Kind.DERIVATIVE, domain=box,
    ...                    why=r"$U=T^2\partial_T\ln Z$"))
    >>> _ = d.add(Identity("heat-capacity", sp.Derivative(d.ref("energy"), T),
    ...                    (E/(2*T))**2*sp.sech(E/(2*T))**2, eq="(2)", domain=box))
    >>> d.step("heat-capacity").uses
    ('energy',)
    >>> C1 = d.result("C1", d.ref("heat-capacity"), (E, T), description="one two-level system",
    ...               domain={E: sp.Interval(0, sp.oo), T: sp.Interval.open(0, sp.oo)})
    >>> d.verify().ok
    True
    >>> round(float(d.kernel("C1")(E=1.0, T=0.5)), 6)
    0.419974
    >>> print(d.latex().splitlines()[1])      # the definition
    Z &:= 2 \cosh{\left(\frac{E}{2 T} \right)} && \text{definition: partition function} \\
    >>> print(d.latex().splitlines()[2].split("&&")[1])   # step (1): kind, why, eq
     \text{derivative: $U=T^2\partial_T\ln Z$} \tag*{(1)} \\
    """

    def __init__(self, name: str, title: str, paper: str, equations: str, summary: str = ""):
        if not isinstance(name, str) or not name.strip() or any(c.isspace() for c in name):
            raise ValueError(f"a derivation's name must be a non-empty string without spaces "
                             f"(it is what `glassderive verify NAME` takes), got {name!r}")
        self.name = name
        self.title = title
        self.paper = paper
        self.equations = equations
        self.summary = summary
        self.definitions: List[tuple] = []
        self.steps: List[Step] = []
        self._results: Dict[str, Result] = {}
        self._kernels: Dict[str, object] = {}
        self._pending_refs: List[str] = []
        #: the paper's quantitative claims (:meth:`claim`) and printed values (:meth:`printed`)
        self.claims: List[dict] = []
        self.printed_values: Dict[str, tuple] = {}
        self.derived_values: Dict[str, str] = {}
        #: a result that names no verified step is an error (being made the default: see
        #: ``unverified_results``)
        self.require_verified_results = False

    # -- building ---------------------------------------------------------------------------
    def define(self, symbol, expr, text: str = "") -> sp.Expr:
        r"""Introduce ``symbol`` by definition: nothing to check.

        Parameters
        ----------
        symbol : sympy expression
            What is defined (a symbol, or an applied function such as ``Z(E, T)``).
        expr : sympy expression
            Its definition.
        text : str, optional
            Words for the LaTeX (``$...$`` for inline math).

        Returns
        -------
        sympy expression
            ``expr`` (sympified), to use in the steps that follow.

        Notes
        -----
        Rendered first in :meth:`latex`, as ``symbol &:= expr && \text{definition: text}``.
        A definition is not a step: it is not checked, not in the report, and not a
        dependency that ``uses`` can name.
        """
        self.definitions.append((sp.sympify(symbol), sp.sympify(expr), text))
        return sp.sympify(expr)

    def add(self, step: Step, uses: Sequence[str] = ()) -> Step:
        """Append ``step`` to the chain, after checking its statement.

        Parameters
        ----------
        step : Step
            An ``Identity``, ``Jacobian``, ``Asymptotic``, ``NumericValue``, ``Equivalence``,
            ``Extremum`` or ``Dimensions`` (anything else is a ``TypeError``).
        uses : sequence of str, optional
            Names of earlier steps whose expressions ``step`` uses.  The links recorded are
            the step's own ``uses=``, these, and every step whose expression was taken with
            :meth:`ref` since the previous ``add`` (or ``result``), without repeats.

        Returns
        -------
        Step
            ``step`` itself (its ``uses`` and derivation name now set).

        Raises
        ------
        ValueError
            A second step of the same name; a link to a step that is not earlier in the
            chain; a statement that cannot be sampled (a symbol without domain or real
            assumption, an empty domain, a ``where`` that holds nowhere, an asymptotic
            limit outside the variable's domain, a missing dimension).  The message names
            the derivation and the step.
        TypeError
            Not a step.
        """
        from .steps import Step as _Step
        if not isinstance(step, _Step):
            raise TypeError(f"derivation {self.name!r}: add() takes a step (Identity, Jacobian, "
                            f"Asymptotic, ...), got {type(step).__name__}")
        if any(s.name == step.name for s in self.steps):
            raise ValueError(f"derivation {self.name!r}: two steps named {step.name!r}; give "
                             f"each step its own name")
        known = {s.name for s in self.steps}
        links = list(dict.fromkeys([*getattr(step, "uses", ()), *uses, *self._pending_refs]))
        self._pending_refs = []
        for u in links:
            if u not in known:
                raise ValueError(f"derivation {self.name!r}: step {step.name!r} uses {u!r}, which is not an "
                                 f"earlier step (earlier steps: {sorted(known)})")
        step.uses = tuple(links)
        step.derivation_name = self.name
        try:
            step.validate()
        except (ValueError, TypeError) as exc:
            # the author's mistake, at build time, with the derivation named
            raise type(exc)(f"derivation {self.name!r}: {exc}") from None
        self.steps.append(step)
        return step

    def ref(self, step_name: str, field: Optional[str] = None):
        """The expression verified by an earlier step, by reference.

        Build the next step (or a result) from what an earlier step verified instead of
        retyping it: a retyped expression could differ from the checked one.

        Parameters
        ----------
        step_name : str
            An earlier step (a step not added yet is a ``ValueError``).
        field : str, optional
            Which of the step's outputs (``Step.outputs()``).  Default: its claim, the first
            output: an ``Identity``'s right side, a ``Jacobian``'s claimed ``|det|``, an
            ``Asymptotic``'s asymptotic form, a ``NumericValue``'s value, an ``Extremum``'s
            position(s), an ``Equivalence``'s symbolic claim, a ``Dimensions`` expression.
            The other named outputs are ``"lhs"`` (``Identity``; ``Equivalence`` when
            symbolic) and ``"expr"`` (``NumericValue``).  An unknown name is a ``KeyError``
            listing the step's outputs.

        Returns
        -------
        sympy expression
            The output itself (the same object the step checked).

        Notes
        -----
        The next :meth:`add` records ``step_name`` among the new step's ``uses`` (shown in
        the report; the cache re-runs dependents when this step changes), or the next
        :meth:`result` takes it as the verified step of the result.  A ``ref`` taken only to
        look at an expression is still recorded by the next ``add`` or ``result``; use
        :meth:`output` to look without linking.
        """
        out = self.output(step_name, field)
        self._pending_refs.append(step_name)
        return out

    def output(self, step_name: str, field: Optional[str] = None):
        """The expression verified by step ``step_name`` (``field`` as in :meth:`ref`),
        *without* linking it: for looking at an expression (in a notebook, a test); a step
        built from it must take it with :meth:`ref`."""
        if not any(s.name == step_name for s in self.steps):
            raise ValueError(f"derivation {self.name!r}: ref({step_name!r}) links to a step that "
                             f"does not exist (yet): the steps added so far are "
                             f"{[s.name for s in self.steps]}")
        st = self.step(step_name)
        outs = st.outputs()
        key = field or next(iter(outs))
        if key not in outs:
            raise KeyError(f"{self.name}: step {step_name!r} has no output {key!r}; it has "
                           f"{sorted(outs)}")
        return outs[key]

    def result(self, name: str, expr, args: Sequence[sp.Symbol], domain: Optional[Mapping] = None,
               description: str = "", where=None, step: Optional[str] = None) -> sp.Expr:
        """Export ``expr`` as a result: a formula users import as a numeric kernel.

        A result must be the expression of a verified step: take it with :meth:`ref` (the
        step is then recorded) or name the step with ``step=``; the expression must be one of
        that step's outputs or a sub-expression of one, else ``ValueError`` (a retyped result
        would be checked by nothing).

        Parameters
        ----------
        name : str
            The result's name (:meth:`kernel`, :meth:`reference`); a second result of one
            name replaces the first.
        expr : sympy expression
            The formula, normally ``d.ref(step)`` or a piece of it.
        args : sequence of sympy.Symbol
            The kernel's arguments, in order; every free symbol of ``expr`` must be one
            (else ``ValueError``).
        domain : dict, optional
            ``{symbol: sympy.Interval}`` the kernel accepts; a call outside it raises.
        description : str, optional
            One line: the kernel's docstring, and the text beside the result in the LaTeX.
        where : sympy boolean, optional
            A joint condition on the arguments, checked by the kernel on every call.
        step : str, optional
            The verified step ``expr`` comes from; default the last step taken with
            :meth:`ref` since the previous ``add``/``result``.

        Returns
        -------
        sympy expression
            ``expr`` (sympified).

        Raises
        ------
        ValueError
            ``expr`` is not an output (or a sub-expression of an output) of the step; no
            step is named or referenced and ``require_verified_results`` is true; a free
            symbol is not among ``args``.
        KeyError
            ``step=`` names no step.
        """
        expr = sp.sympify(expr)
        if step is None:
            if not self._pending_refs:
                if self.require_verified_results:
                    raise ValueError(f"{self.name}: result {name!r} names no verified step; "
                                     f"take its expression with d.ref(step) or pass step=")
                self._kernels.pop(name, None)   # a re-registered result: no stale kernel
                self._results[name] = Result(name, expr, tuple(args), dict(domain or {}),
                                             description, where, "")
                return expr
            step = self._pending_refs[-1]
        self._pending_refs = []
        st = self.step(step)
        if not _contains(st.outputs().values(), expr):
            raise ValueError(f"{self.name}: result {name!r} = {expr} is not an expression "
                             f"verified by step {step!r} (its outputs: "
                             f"{', '.join(f'{k} = {v}' for k, v in st.outputs().items())})")
        self._kernels.pop(name, None)   # a re-registered result: no stale kernel
        self._results[name] = Result(name, expr, tuple(args), dict(domain or {}),
                                     description, where, step)
        return expr

    # -- the paper's quantitative claims (``glassderive numbers``) ---------------------------
    def claim(self, label: str, text: str, steps: Sequence[str] = (), note: str = "") -> None:
        """Catalogue a quantitative claim of the paper: the steps that check it, or why none.

        Nothing is checked here: the steps named are checked as steps.  ``glassderive
        numbers`` lists every claim with its status — the status of its steps, or "not
        encoded" with ``note`` when ``steps`` is empty — so a reader sees what of the paper
        is covered and what is not.

        Parameters
        ----------
        label : str
            A short id of the claim (e.g. the number of a catalogue of the paper's claims).
        text : str
            The claim as the paper states it.
        steps : sequence of str, optional
            Steps of this derivation that check it (any kind; each must exist).
        note : str, optional
            Why it is not encoded (required when ``steps`` is empty), or a remark.
        """
        names = {s.name for s in self.steps}
        missing = [s for s in steps if s not in names]
        if missing:
            raise ValueError(f"derivation {self.name!r}: claim {label!r} names steps that do "
                             f"not exist (yet): {missing}; add the steps first")
        if not steps and not note:
            raise ValueError(f"derivation {self.name!r}: claim {label!r} has no step: say why "
                             f"it is not encoded in note=")
        self.claims.append({"label": label, "text": text, "steps": tuple(steps), "note": note})

    def printed(self, step_name: str, value, note: str = "") -> None:
        """Record the number the paper prints where a ``NumericValue`` step checks a
        corrected one (an erratum): ``glassderive numbers`` shows both.

        Parameters
        ----------
        step_name : str
            An existing ``NumericValue`` step whose claim is the corrected value.
        value : number
            What the paper prints.
        note : str, optional
            Where the erratum is recorded and why.
        """
        self.step(step_name)   # KeyError listing the names
        if step_name in self.derived_values:
            raise ValueError(f"derivation {self.name!r}: step {step_name!r} is marked derived "
                             f"(the paper prints no number); it cannot record a printed one")
        self.printed_values[step_name] = (value, note)

    def derived(self, step_name: str, note: str) -> None:
        """Mark a ``NumericValue`` step whose number the paper does not print: a constant the
        derivation derives where the paper has a curve, a "~" or no value at all (its
        ``value`` is then an independent computation, said in the step's ``why``).
        ``glassderive numbers`` lists it as "derived", with no printed value.

        Parameters
        ----------
        step_name : str
            An existing ``NumericValue`` step.
        note : str
            What the paper has instead of a number (e.g. "Fig. 3, no value printed").
        """
        self.step(step_name)   # KeyError listing the names
        if step_name in self.printed_values:
            raise ValueError(f"derivation {self.name!r}: step {step_name!r} records a printed "
                             f"value; a derived number has none")
        self.derived_values[step_name] = note

    # -- queries ----------------------------------------------------------------------------
    @property
    def results(self) -> Dict[str, sp.Expr]:
        """Result names mapped to their SymPy expressions, in the order they were added."""
        return {k: r.expr for k, r in self._results.items()}

    def unverified_results(self) -> List[str]:
        """Results that are the expression of no verified step (kernels checked by nothing)."""
        return [k for k, r in self._results.items() if not r.step]

    @property
    def result_info(self) -> Dict[str, Result]:
        """Result names mapped to their :class:`Result` records (args, domain, step, ...)."""
        return dict(self._results)

    def step(self, name: str) -> Step:
        """The step called ``name`` (a ``KeyError`` lists the names)."""
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(f"{self.name}: no step named {name!r}; steps are "
                       f"{[s.name for s in self.steps]}")

    def __repr__(self) -> str:
        return f"<Derivation {self.name!r}: {self.paper}, Eqs. {self.equations}, " \
               f"{len(self.steps)} steps>"

    def _repr_latex_(self) -> str:
        """Jupyter: the numbered steps in LaTeX (MathJax), each with its justification."""
        return "$$" + self.latex() + "$$"

    def _repr_html_(self) -> str:
        """Jupyter: title, source, then the chain in LaTeX with each step's justification and
        equation label, then the exported results."""
        import html

        parts = [f"<p><b>{html.escape(self.title)}</b> (<code>{html.escape(self.name)}</code>)"
                 f"<br>{html.escape(self.paper)}, Eqs. {html.escape(self.equations)}; "
                 f"{len(self.steps)} steps, {len(self._results)} results</p>"]
        if self.summary:
            parts.append(f"<p>{html.escape(self.summary)}</p>")
        parts.append("$$" + html.escape(self.latex(), quote=False) + "$$")
        res = self.latex_results()
        if res:
            parts.append("<p>Results:</p>$$" + html.escape(res, quote=False) + "$$")
        return "\n".join(parts)

    # -- checking ---------------------------------------------------------------------------
    def verify(self, progress: Optional[Callable[[str], None]] = None, cache=None) -> Report:
        """Check every step, in order, and return the report.

        Parameters
        ----------
        progress : callable, optional
            ``progress(step_name)``, called after each step.
        cache : StepCache or True, optional
            ``None`` (default): every check runs and nothing is stored.  A
            :class:`~glassderive.verify.cache.StepCache`, or ``True`` for the default one
            (``GLASSDERIVE_CACHE_DIR``, else the user cache directory): a step whose content
            fingerprint (its expressions, assumptions, tolerances, precision, sample sizes,
            the fingerprints of the steps it uses, and the engine version) has a stored
            outcome is not re-run (its ``StepResult.cached`` is true), and new outcomes are
            stored.  ``why``, ``eq`` and the ``*_tex`` fields are not part of the
            fingerprint.  (A directory path is not accepted here; the top-level
            ``glassderive.verify(cache=...)`` takes one.)

        Returns
        -------
        Report
            One :class:`~glassderive.verify.report.StepResult` per step, in chain order.
        """
        if cache is True:
            from .cache import StepCache
            cache = StepCache()
        t0 = time.perf_counter()
        report = Report(self.name)
        keys: Dict[str, str] = {}
        for s in self.steps:
            key, res = cached_outcome(s, keys, cache)
            if res is None:
                res = s.check()
                res.uses, res.key = tuple(s.uses), key
                if cache is not None:
                    cache.put(key, res)
            res.key = key
            report.steps.append(res)
            if progress is not None:
                progress(s.name)
        report.seconds = time.perf_counter() - t0
        return report

    def corrupt(self, step_name: str, transform: Callable = perturb) -> "Derivation":
        """A copy of the derivation with one step's claim transformed.

        Parameters
        ----------
        step_name : str
            The step to corrupt (a ``KeyError`` lists the names).
        transform : callable, optional
            Applied to the step's claim (default :func:`~glassderive.verify.steps.perturb`:
            scaled by 8/7; a ``NumericValue`` is moved outside its window, a ``Dimensions``
            expression multiplied by one of its symbols).

        Returns
        -------
        Derivation
            A shallow copy whose ``steps`` list holds the corrupted step in place of the
            original (the original derivation is unchanged).  Its report must fail at that
            step: the test that no check is a no-op.
        """
        new = copy.copy(self)
        new.steps = [s.corrupted(transform) if s.name == step_name else s for s in self.steps]
        if all(a is b for a, b in zip(new.steps, self.steps)):
            self.step(step_name)  # raises KeyError with the list of names
        return new

    # -- numeric ----------------------------------------------------------------------------
    def kernel(self, name: str):
        """The numpy kernel of result ``name`` (built once, then cached).

        Parameters
        ----------
        name : str
            A result registered with :meth:`result` (a ``KeyError`` lists the results).

        Returns
        -------
        Kernel
            The result's expression lambdified with NumPy/SciPy: a vectorised function of the
            result's ``args`` (positional or by name) that checks every argument against the
            result's ``domain`` and ``where`` on each call (``ValueError`` outside).  Compare
            it with :meth:`reference` for its accuracy.
        """
        from glassderive.numeric.kernel import Kernel

        if name not in self._results:
            raise KeyError(f"{self.name}: no result named {name!r}; results are "
                           f"{sorted(self._results)}")
        if name not in self._kernels:
            r = self._results[name]
            self._kernels[name] = Kernel.from_expr(f"{self.name}.{name}", r.expr, r.args,
                                                   r.domain, r.description, r.where)
        return self._kernels[name]

    def reference(self, name: str, dps: int = DEFAULT_DPS):
        """The mpmath reference of result ``name``: a function of its arguments at ``dps``.

        Parameters
        ----------
        name : str
            A result registered with :meth:`result` (a ``KeyError`` lists the results).
        dps : int, optional
            Working precision in decimal digits (default 40).

        Returns
        -------
        callable
            A function of the result's ``args`` (positional, each converted to ``mpf``) that
            evaluates the expression with mpmath at ``dps`` digits (integrals by the same
            checked quadrature as the steps): the high-precision value to test a kernel
            against.  A wrong number of arguments is a ``TypeError``.
        """
        if name not in self._results:
            raise KeyError(f"{self.name}: no result named {name!r}; results are "
                           f"{sorted(self._results)}")
        r = self._results[name]
        f = mp_function(r.expr, tuple(r.args))

        def ref(*args):
            if len(args) != len(r.args):
                raise TypeError(f"{name} takes {len(r.args)} arguments "
                                f"({', '.join(map(str, r.args))}), got {len(args)}")
            with mp.workdps(dps):
                return f(*[mp.mpf(a) for a in args])

        ref.__name__ = name
        return ref

    # -- LaTeX ------------------------------------------------------------------------------
    def latex(self) -> str:
        r"""The derivation as one ``align*`` environment: definitions, then a line per step.

        A definition is ``symbol &:= expr && \text{definition: text}``; a step is
        ``<relation> && \text{<kind>: <why>} \tag*{<eq>}`` (see the class docstring for how
        ``why`` and ``eq`` are set), or ``& expr && \text{<kind>, statement: <why>}`` when its
        two sides print the same.  Lines are joined by ``\\``.  Compact, for a notebook
        (MathJax); :meth:`document` lays the same content out on a page.
        """
        lines = []
        for sym, expr, text in self.definitions:
            note = "definition" + (f": {text}" if text else "")
            lines.append(f"{_tex(sym)} &:= {_tex(expr)} && \\text{{{latex_text(note)}}}")
        lines += [s.latex(_tex) for s in self.steps]
        return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"

    def latex_results(self) -> str:
        r"""The exported results as an ``align*`` environment, one line
        ``\text{name}:\quad & expr && \text{description}`` each ("" without results)."""
        if not self._results:
            return ""
        lines = []
        for r in self._results.values():
            desc = f" && \\text{{{latex_text(r.description)}}}" if r.description else ""
            lines.append(f"\\text{{{latex_text(r.name)}}}:\\quad & {_tex(r.expr)}{desc}")
        return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"

    def document(self, report: Optional[Report] = None) -> str:
        r"""A standalone LaTeX document for pdflatex: A4 portrait, Latin Modern (T1) fonts.

        Needs amsmath, amssymb, geometry, fontenc and lmodern (Debian's
        ``texlive-latex-base`` and ``lmodern``); no bitmap font.

        Parameters
        ----------
        report : Report, optional
            The outcome of :meth:`verify`; if given, a "Verification" section lists each
            step's status, method and residual (and the detail of a step that did not pass).

        Returns
        -------
        str
            The document: title, source and equations, the summary, then "Definitions" (each
            ``symbol := expr``), "Derivation" (a paragraph per step: the paper's equation
            label, the kind of step, the justification and the step's name, then the
            relation; a step whose two sides SymPy evaluated into one expression is shown
            once, marked "statement") and "Results".  Each formula is centred when it fits
            the line and otherwise broken over lines at its relations, at the ``+``/``-`` of
            its outer level and then inside its widest brackets (TeX chooses the breaks);
            long fractions, exponentials, roots and vectors are first written in forms that
            can be broken.  Text is escaped with ``$...$`` spans kept as math.
        """
        width = _LINE_EM - 2                      # continuation lines are indented 2 em

        def tex(e):
            return _tex(e, width)

        parts = _preamble() + [
            "\\begin{document}",
            "\\begin{center}",
            f"{{\\LARGE {_para(self.title)}\\par}}\\medskip",
            f"{{\\large glassderive derivation {_tt(self.name)}\\par}}",
            "\\end{center}",
            "\\medskip",
            f"\\noindent Source: {_para(self.paper)}, Eqs.~{_para(self.equations)}.",
            "",
        ]
        if self.summary:
            parts += [_para(self.summary), ""]
        if self.definitions:
            parts.append("\\section*{Definitions}")
            for sym, expr, text in self.definitions:
                parts.append(_note("", "definition", text, ""))
                parts.append(_display(f"{tex(sym)} := {tex(expr)}", width))
        parts.append("\\section*{Derivation}")
        bodies = [_relation_tex(s, tex) for s in self.steps]
        if any(b.lstrip().startswith("&") for b in bodies):
            parts.append("\\noindent A step marked \\emph{statement} is one whose two sides "
                         "SymPy evaluates into the same expression: it is shown once.")
        for s, body in zip(self.steps, bodies):
            statement = body.lstrip().startswith("&")
            kind = s.kind.value + (", statement" if statement else "")
            parts.append(_note(s.eq, kind, s.why, s.name))
            parts.append(_display(body, width))
        if self._results:
            parts.append("\\section*{Results}")
            for r in self._results.values():
                parts.append(_note("", _tt(r.name), r.description, "", raw_kind=True))
                args = ", ".join(tex(a) for a in r.args)
                parts.append(_display(f"\\mathrm{{{_tt_math(r.name)}}}({args}) = {tex(r.expr)}",
                                      width))
        if report is not None:
            parts += _report_section(report)
        parts.append("\\end{document}")
        return "\n".join(parts) + "\n"


# -- LaTeX rendering ------------------------------------------------------------------------
# What the document needs beyond ``sympy.latex``: primed symbols printed as primes, long
# pieces rewritten so that they can be broken across lines, the break points themselves (TeX
# breaks an in-line formula only at penalties of its outer level), and a rough width
# estimate that decides which pieces are long.  Widths are in em of the 10 pt body font.

#: text width of the document (A4, 2.5 cm margins: 455 pt) in em
_LINE_EM = 45.5

_PRIMED = re.compile(r"^([A-Za-z][A-Za-z0-9_]*?)('+)$")
_APPLIED = re.compile(r"^([A-Za-z][A-Za-z0-9_]*'*)\(([A-Za-z0-9_', ]+)\)$")
#: a super- or subscript of a symbol's name that is the name of a LaTeX symbol (V^ddagger)
_MARK = re.compile(r"(?<=[_^])(ddagger|dagger|star|ast|circ|bullet|prime|infty|perp|parallel)"
                   r"(?=$|[_^])")


class _TexPrinter(LatexPrinter):
    r"""``sympy.latex`` with a symbol named ``eta'`` printed ``\eta'`` (SymPy prints the name
    ``eta'`` letter by letter), one named ``rho(kappa)`` printed ``\rho(\kappa)`` and one
    named ``V^ddagger`` printed ``V^{\ddagger}`` (SymPy: ``V^{ddagger}``).

    Given ``width`` (em), it also rewrites what no line break can enter: a fraction whose
    numerator is wide becomes ``\frac{1}{den} (num)`` and one whose denominator is wide
    ``num (den)^{-1}``, ``e^{x}`` with a wide ``x`` becomes ``\exp(x)``, a root of a wide
    base ``(base)^{1/n}``, and a wide matrix a tuple (a column vector ``(a, b, c)^T``)."""

    def __init__(self, width: Optional[float] = None):
        super().__init__({})
        self._width = width

    def _wide(self, tex: str, fraction: float) -> bool:
        return self._width is not None and _tex_width(tex) > fraction * self._width

    def _print_Symbol(self, expr, style="plain"):
        if self._settings["symbol_names"].get(expr) is None:
            m = _PRIMED.match(expr.name)
            if m:
                return super()._print_Symbol(sp.Symbol(m.group(1)), style) + m.group(2)
            m = _APPLIED.match(expr.name)
            if m:
                args = ", ".join(self._print_Symbol(sp.Symbol(a.strip()), style)
                                 for a in m.group(2).split(","))
                return f"{self._print_Symbol(sp.Symbol(m.group(1)), style)}({args})"
            if _MARK.search(expr.name) and "{" not in expr.name:
                return super()._print_Symbol(sp.Symbol(_MARK.sub(r"\\\1", expr.name)), style)
        return super()._print_Symbol(expr, style)

    def _print_ExpBase(self, expr, exp=None):
        arg = self._print(expr.args[0])
        if self._width is None or _tex_width(arg, 2) < 0.3 * self._width:   # a superscript
            return super()._print_ExpBase(expr, exp)
        return self._do_exponent(r"\exp\left(%s\right)" % arg, exp)

    def _print_Mul(self, expr):
        ratio = self._settings["long_frac_ratio"]
        self._settings["long_frac_ratio"] = None
        try:
            tex = super()._print_Mul(expr)
            width = self._width if self._width is not None else float("inf")
            num, den = self._frac_widths(tex) if self._width is not None else (0.0, 0.0)
            if den > 0.5 * width:                       # num (den)^{-1}
                tex = self._print_over(expr)
            elif num > 0.5 * width:
                self._settings["long_frac_ratio"] = 0      # \frac{1}{den} (num)
                tex = super()._print_Mul(expr)
        finally:
            self._settings["long_frac_ratio"] = ratio
        return tex

    def _frac_widths(self, tex: str) -> tuple:
        """Widths (em) of the numerator and denominator of the outer ``\\frac`` in ``tex``."""
        if "\\frac" not in tex:
            return 0.0, 0.0
        nodes = _parse(tex)
        for i, n in enumerate(nodes):
            if n[0] == "tok" and n[1] == "\\frac" and i + 2 < len(nodes):
                return _width(nodes[i + 1:i + 2], 1), _width(nodes[i + 2:i + 3], 1)
        return 0.0, 0.0

    def _print_over(self, expr) -> str:
        sign = ""
        if expr.could_extract_minus_sign():
            sign, expr = "- ", -expr
        num, den = sp.fraction(expr, exact=True)
        top = "" if num == 1 else (r"\left(%s\right) " % self._print(num) if num.is_Add
                                   else self._print(num) + " ")
        return sign + top + r"\left(%s\right)^{-1}" % self._print(den)

    def _print_Pow(self, expr):
        e = expr.exp
        if self._width is not None and e.is_Rational and e.p == 1 and e.q > 1:
            base = self._print(expr.base)
            if self._wide(base, 0.5):
                return r"\left(%s\right)^{1/%d}" % (base, e.q)
        return super()._print_Pow(expr)

    def _print_MatrixBase(self, expr):
        tex = super()._print_MatrixBase(expr)
        if self._width is None or not self._wide(tex, 0.9) or 0 in expr.shape:
            return tex
        rows = [[self._print(v) for v in expr.row(i)] for i in range(expr.rows)]
        if expr.shape == (1, 1):
            return r"\left[%s\right]" % rows[0][0]
        if expr.cols == 1:
            return r"\left(%s\right)^{T}" % ",\\ ".join(r[0] for r in rows)
        inner = [r[0] if len(r) == 1 else r"\left(%s\right)" % ",\\ ".join(r) for r in rows]
        return inner[0] if len(inner) == 1 else r"\left(%s\right)" % ",\\ ".join(inner)


def _tex(expr, width: Optional[float] = None) -> str:
    """LaTeX of a SymPy expression (primes as primes; long pieces breakable given ``width``)."""
    return _TexPrinter(width).doprint(expr)


# a small LaTeX math reader: tokens, then nodes ("tok", text, start, end),
# ("grp", children, start, end) for {...}, ("lr", open, children, close, start, end,
# content start, content end) for \left...\right, ("env", name, children, start, end) for
# \begin...\end; start and end index the source
_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|[{}]|\s+|.", re.S)


def _parse(tex: str) -> list:
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(tex)
            if not m.group().isspace()]
    pos = 0

    def delim():
        nonlocal pos
        if pos >= len(toks):
            return "", len(tex)
        t, _, e = toks[pos]
        pos += 1
        return t, e

    def seq(stop):
        nonlocal pos
        out = []
        while pos < len(toks):
            t, s, e = toks[pos]
            if t in stop:
                return out
            pos += 1
            if t == "{":
                kids = seq(("}",))
                end = toks[pos][2] if pos < len(toks) else len(tex)
                pos += 1
                out.append(("grp", kids, s, end))
            elif t == "\\left":
                d, cs = delim()
                kids = seq(("\\right",))
                ce = toks[pos][1] if pos < len(toks) else len(tex)
                pos += 1
                rd, end = delim()
                out.append(("lr", d, kids, rd, s, end, cs, ce))
            elif t == "\\begin" and pos < len(toks) and toks[pos][0] == "{":
                name = ""
                pos += 1
                while pos < len(toks) and toks[pos][0] != "}":
                    name += toks[pos][0]
                    pos += 1
                pos += 1
                kids = seq(("\\end",))
                pos += 1                      # \end
                end = s
                while pos < len(toks):
                    end = toks[pos][2]
                    pos += 1
                    if toks[pos - 1][0] == "}":
                        break
                out.append(("env", name, kids, s, end))
            else:
                out.append(("tok", t, s, e))
        return out

    nodes = []
    while pos < len(toks):            # a stray closing brace or \right: keep going
        nodes += seq(())
        if pos < len(toks):
            t, s, e = toks[pos]
            nodes.append(("tok", t, s, e))
            pos += 1
    return nodes


_SCALE = (1.0, 1.0, 0.72, 0.62)          # display, text, script, scriptscript
_BIN = {"+": 1.25, "-": 1.25, "\\pm": 1.25, "\\mp": 1.25, "\\times": 1.25, "\\cdot": 0.75,
        "*": 1.0, "\\setminus": 1.2, "\\cup": 1.2, "\\cap": 1.2, "\\wedge": 1.2, "\\vee": 1.2}
_REL = {"=": 1.35, "<": 1.35, ">": 1.35, "\\leq": 1.35, "\\geq": 1.35, "\\le": 1.35,
        "\\ge": 1.35, "\\neq": 1.35, "\\approx": 1.35, "\\simeq": 1.35, "\\sim": 1.35,
        "\\equiv": 1.35, "\\propto": 1.35, "\\iff": 2.2, "\\Leftrightarrow": 1.55,
        "\\Rightarrow": 1.55, "\\to": 1.55, "\\rightarrow": 1.55, "\\mapsto": 1.55,
        "\\gg": 1.55, "\\ll": 1.55, "\\in": 1.2, "\\notin": 1.2, "\\subset": 1.35,
        "\\coloneqq": 1.6, ":": 0.85}
_SPACE = {"\\,": 0.17, "\\:": 0.22, "\\>": 0.22, "\\;": 0.28, "\\!": -0.17, "\\ ": 0.35,
          "\\quad": 1.0, "\\qquad": 2.0, "\\enspace": 0.5, "~": 0.35}
_TEXTLIKE = {"\\text", "\\textrm", "\\textit", "\\textbf", "\\texttt", "\\mathrm", "\\mathit",
             "\\operatorname", "\\mbox", "\\mathtt", "\\textsf", "\\mathsf", "\\textup"}
_WRAPPERS = {"\\mathcal": 1.15, "\\mathbf": 1.1, "\\boldsymbol": 1.1, "\\mathbb": 1.1,
             "\\mathfrak": 1.1, "\\mathscr": 1.2, "\\bm": 1.1, "\\mathopen": 1.0,
             "\\mathclose": 1.0, "\\mathrel": 1.0, "\\mathbin": 1.0, "\\mathord": 1.0,
             "\\mathop": 1.0, "\\overline": 1.0, "\\hat": 1.0, "\\tilde": 1.0, "\\bar": 1.0,
             "\\widehat": 1.0, "\\widetilde": 1.0, "\\dot": 1.0, "\\ddot": 1.0, "\\vec": 1.0,
             "\\underline": 1.0, "\\phantom": 1.0, "\\boxed": 1.3}
_BIGOPS = {"\\int": (1.25, 0.7), "\\iint": (2.0, 1.3), "\\iiint": (2.7, 1.9),
           "\\oint": (1.25, 0.7), "\\sum": (1.55, 1.1), "\\prod": (1.55, 1.1),
           "\\coprod": (1.55, 1.1), "\\bigcup": (1.3, 0.95), "\\bigcap": (1.3, 0.95)}


def _width(nodes: list, style: int = 0) -> float:
    """Rough width in em of parsed math in a style (0 display .. 3 scriptscript), erring
    wide: it decides what is long, TeX decides where lines break."""
    s = _SCALE[style]
    sub = min(3, max(2, style + 2))          # style of a super- or subscript
    frac = {0: 1, 1: 2}.get(style, 3)        # style of a fraction's numerator
    total, i, last_script, stacked, op_w = 0.0, 0, None, None, None
    while i < len(nodes):
        n = nodes[i]
        i += 1
        if n[0] == "grp":
            total += _width(n[1], style)
        elif n[0] == "lr":
            total += _width(n[2], style) + s * ((0.5 if n[1] != "." else 0.12)
                                               + (0.5 if n[3] != "." else 0.12))
        elif n[0] == "env":
            total += _env_width(n[2], style)
        else:
            t = n[1]
            if t in ("^", "_"):
                w = _width(nodes[i:i + 1], sub) if i < len(nodes) else 0.0
                i += 1
                if stacked is not None:          # \int\limits_a^b: limits over the sign
                    stacked[1] = max(stacked[1], w)
                    continue
                if last_script is not None:      # x_a^b: one above the other
                    total += max(0.0, w - last_script)
                    last_script = max(w, last_script)
                else:
                    total += w + 0.05
                    last_script = w
                continue
            if t == "\\limits" and stacked is None and op_w is not None:
                stacked = [op_w, 0.0]
                continue
            if stacked is not None:
                total += max(0.0, stacked[1] - stacked[0])
                stacked = None
            last_script = None
            op_w = None
            if t == "\\frac" or t == "\\dfrac" or t == "\\tfrac" or t == "\\binom":
                st = 1 if t == "\\dfrac" else (2 if t == "\\tfrac" and style < 2 else frac)
                total += max(_width(nodes[i:i + 1], st), _width(nodes[i + 1:i + 2], st)) \
                    + 0.25 * s
                i += 2
            elif t == "\\sqrt":
                if i < len(nodes) and nodes[i][0] == "tok" and nodes[i][1] == "[":
                    while i < len(nodes) and not (nodes[i][0] == "tok" and nodes[i][1] == "]"):
                        i += 1
                    i += 1
                total += _width(nodes[i:i + 1], style) + 0.9 * s
                i += 1
            elif t in _TEXTLIKE:
                if i < len(nodes) and nodes[i][0] == "grp":
                    total += 0.52 * s * _text_chars(nodes[i])
                i += 1
            elif t in _WRAPPERS:
                total += _WRAPPERS[t] * _width(nodes[i:i + 1], style)
                i += 1
            elif t in ("\\vphantom", "\\label", "\\tag", "\\tag*"):
                i += 1
            elif t in _BIGOPS:
                big, small = _BIGOPS[t]
                w = (big if style == 0 else small) * s + 0.17 * s
                total += w
                op_w = w
            elif t in _BIN:
                total += _BIN[t] * s if style < 2 else 0.8 * s
            elif t in _REL:
                total += _REL[t] * s if style < 2 else 0.9 * s
            elif t in _SPACE:
                total += _SPACE[t] * s
            elif t in ("\\penalty", "\\allowbreak", "\\nobreak", "\\displaystyle",
                       "\\textstyle", "\\limits", "\\nolimits", "\\left", "\\right", "\\big",
                       "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr",
                       "\\biggl", "\\biggr", "\\Biggl", "\\Biggr", "&", "\\\\"):
                total += 0.3 * s if t.startswith("\\b") or t.startswith("\\B") else 0.0
            elif t.startswith("\\") and t[1:].isalpha():
                if t[1:] in _FUNCTIONS:
                    total += (0.5 * len(t[1:]) + 0.17) * s
                else:
                    total += _SYMBOL_EM.get(t, 0.8) * s
            elif t.isdigit():
                total += 0.5 * s
            elif t.isalpha():
                total += (0.9 if t in "MWmw" else 0.6) * s
            elif t in ",;":
                total += 0.45 * s
            else:
                total += _CHAR_EM.get(t, 0.55) * s
    if stacked is not None:
        total += max(0.0, stacked[1] - stacked[0])
    return total


_FUNCTIONS = {"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
              "sech", "csch", "log", "ln", "exp", "arcsin", "arccos", "arctan", "operatorname",
              "min", "max", "det", "lim", "sup", "inf", "arg", "sgn", "erf", "Re", "Im"}
_SYMBOL_EM = {"\\infty": 1.0, "\\partial": 0.6, "\\hbar": 0.6, "\\ell": 0.45, "\\cdots": 1.3,
              "\\ldots": 1.3, "\\dots": 1.3, "\\prime": 0.3, "\\Phi": 0.75, "\\Lambda": 0.7,
              "\\Delta": 0.85, "\\Omega": 0.75, "\\Gamma": 0.65, "\\Theta": 0.8, "\\Psi": 0.8,
              "\\Sigma": 0.75, "\\Pi": 0.75, "\\Xi": 0.7, "\\omega": 0.65, "\\varepsilon": 0.5,
              "\\star": 0.55, "\\circ": 0.55, "\\nabla": 0.85, "\\emptyset": 0.55}
_CHAR_EM = {"(": 0.4, ")": 0.4, "[": 0.3, "]": 0.3, "|": 0.3, "/": 0.5, ".": 0.3, "!": 0.3,
            "'": 0.3, "\\{": 0.5, "\\}": 0.5, "\\|": 0.5, "\\_": 0.5, "\\%": 0.85, "\\#": 0.85,
            "\\&": 0.8}


def _text_chars(node) -> int:
    """Characters a ``\\text{...}`` group prints (math inside counted like text)."""
    count = 0
    for k in node[1]:
        if k[0] == "tok":
            count += 1 if not k[1].startswith("\\") or len(k[1]) == 2 else 1
        elif k[0] == "grp":
            count += _text_chars(k)
        else:
            count += 3
    return count


def _env_width(nodes: list, style: int) -> float:
    """A ``matrix``-like environment: the widest entry of each column, 1 em between."""
    rows, row, cell = [], [], []
    for n in nodes + [("tok", "\\\\", 0, 0)]:
        if n[0] == "tok" and n[1] in ("&", "\\\\"):
            row.append(_width(cell, 1 if style == 0 else style))
            cell = []
            if n[1] == "\\\\":
                rows.append(row)
                row = []
        else:
            cell.append(n)
    cols = max(len(r) for r in rows) if rows else 0
    widths = [max((r[c] for r in rows if c < len(r)), default=0.0) for c in range(cols)]
    return sum(widths) + 1.0 * max(0, cols - 1)


def _tex_width(tex: str, style: int = 0) -> float:
    """Estimated width in em of a math-mode LaTeX string (display style by default)."""
    return _width(_parse(tex), style)


# -- break points ---------------------------------------------------------------------------
_ARITY = {"\\frac": 2, "\\dfrac": 2, "\\tfrac": 2, "\\binom": 2, "\\overset": 2,
          "\\underset": 2, "\\stackrel": 2, "\\sqrt": 1, "\\vphantom": 1, "\\hphantom": 1,
          "\\label": 1, "^": 1, "_": 1, **{t: 1 for t in _TEXTLIKE}, **{t: 1 for t in _WRAPPERS}}
_OPENERS = {"(", "[", "\\{", "\\langle", "\\lfloor", "\\lceil"}
_CLOSERS = {")", "]", "\\}", "\\rangle", "\\rfloor", "\\rceil"}
#: a bracketed group wider than this fraction of the line may be broken inside
_OPEN_MIN = 0.2


def _penalty(kind: str, depth: int) -> str:
    """A break point: cheapest at the outer level, dearer in each bracket level; after a
    comma of a list wider than the line ("list"), a break is welcome."""
    if kind == "list":
        return "\\penalty-100 "
    base = {"rel": 50, "bin": 100, "comma": 60, "space": 60, "word": 150}[kind]
    return f"\\penalty{min(9000, base + 500 * depth)} "


def _breakable(tex: str, width: float = _LINE_EM) -> str:
    r"""``tex`` (math, one formula) with explicit break points for an in-line formula that
    TeX breaks into lines: a penalty before each relation and binary ``+``/``-`` and after
    each comma at the outer level and inside the wide brackets, which are reopened so that a
    line can end inside them: ``\left( X \right)`` becomes ``\mathopen{\left(\vphantom{X}
    \right.} X \mathclose{\left.\vphantom{X}\right)}`` (delimiters of the size the whole of
    X needs).  A wide ``\text{...}`` may break between its words.  An alignment ``&`` is
    dropped."""
    return _emit(tex, _parse(tex), 0, width).strip()


def _emit(src: str, nodes: list, depth: int, width: float, wide: bool = False) -> str:
    out: List[str] = []
    operand = False                  # is the previous item something a binary op can follow
    plain = 0                        # plain ( ... ) nesting, for the penalties
    i = 0
    while i < len(nodes):
        n = nodes[i]
        i += 1
        if n[0] == "lr":
            out.append(_open_group(src, n, depth + plain, width))
            operand = True
            continue
        if n[0] == "grp":
            kid = n[1][0] if len(n[1]) == 1 else None
            if kid is not None and kid[0] == "lr" and _opens(kid, width):
                out.append(" " + _open_group(src, kid, depth + plain, width))
            else:
                out.append(src[n[2]:n[3]])
            operand = True
            continue
        if n[0] == "env":
            out.append(src[n[3]:n[4]])
            operand = True
            continue
        t = n[1]
        d = depth + plain
        if t == "&":
            continue
        if t in _ARITY:                          # a command and its arguments, as written
            k = _ARITY[t]
            j = i
            if t == "\\sqrt" and j < len(nodes) and nodes[j][0] == "tok" and nodes[j][1] == "[":
                while j < len(nodes) and not (nodes[j][0] == "tok" and nodes[j][1] == "]"):
                    j += 1
                j += 1
            j = min(len(nodes), j + k)
            piece = src[n[2]:_end(nodes[j - 1]) if j > i else n[3]]
            if t in ("\\text", "\\textrm", "\\mbox") and j == i + 1 and nodes[i][0] == "grp" \
                    and _width([n, nodes[i]], 1) > 0.3 * width:
                piece = _text_words(src, nodes[i], d)
            out.append(" " + piece if t.startswith("\\") else piece)
            i = j
            operand = True
            continue
        if t in ("+", "-", "\\pm", "\\mp") and operand:
            out.append(_penalty("bin", d) + t)
            operand = False
        elif t in _REL and t != ":" and operand:
            out.append(_penalty("rel", d) + t)
            operand = False
        elif t == ":" and operand and i < len(nodes) and nodes[i][0] == "tok" \
                and nodes[i][1] == "=":          # :=
            out.append(_penalty("rel", d) + ":=")
            i += 1
            operand = False
        elif t == ",":
            kind = "list" if wide and not plain else "comma"
            out.append("," + (_penalty(kind, d) if plain or depth else ""))
            operand = False
        elif t in ("\\quad", "\\qquad") and operand:
            out.append(_penalty("space", d) + t)
            operand = False
        else:
            if t in _OPENERS:
                plain += 1
                operand = False
            elif t in _CLOSERS:
                plain = max(0, plain - 1)
                operand = True
            else:
                operand = not (t in _BIN or t in _REL or t in _SPACE)
            out.append(t)
    return _join(out)


_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+\*?$")


def _join(pieces: List[str]) -> str:
    """Concatenate LaTeX pieces, with a space where a control word would run into a letter."""
    out = ""
    for p in pieces:
        if out and p and (p[0].isalpha() or p[0] == "*") and _CONTROL_WORD_END.search(out):
            out += " "
        out += p
    return out


def _end(node) -> int:
    return node[3] if node[0] in ("tok", "grp") else (node[4] if node[0] == "env" else node[5])


def _opens(lr, width: float) -> bool:
    return _width([lr], 0) > _OPEN_MIN * width


def _open_group(src: str, n, depth: int, width: float) -> str:
    if not _opens(n, width):
        return src[n[4]:n[5]]
    inner = src[n[6]:n[7]]
    # the null delimiter of \right. / \left. would add a small space inside the bracket
    return (f"\\mathopen{{\\left{n[1]}\\vphantom{{{inner}}}\\right.\\kern-\\nulldelimiterspace}}"
            f"{_emit(src, n[2], depth + 1, width, _width([n], 0) > width)}"
            f"\\mathclose{{\\kern-\\nulldelimiterspace\\left.\\vphantom{{{inner}}}\\right{n[3]}}}")


def _text_words(src: str, grp, depth: int) -> str:
    r"""A wide ``\text{...}`` as one ``\text`` per word with break points between (spaces
    inside ``$...$`` or braces do not split)."""
    body = src[grp[2] + 1:grp[3] - 1]
    words, cur, level, math = [], "", 0, False
    for ch in body:
        if ch == " " and level == 0 and not math:
            if cur:
                words.append(cur)
            cur = ""
            continue
        level += (ch == "{") - (ch == "}")
        math ^= ch == "$"
        cur += ch
    if cur:
        words.append(cur)
    return (_penalty("word", depth) + "\\ ").join(f"\\text{{{w}}}" for w in words)


# -- the document's parts -------------------------------------------------------------------
_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[a4paper,margin=2.5cm]{geometry}
\allowdisplaybreaks
\emergencystretch=3em
\makeatletter
% \gdeq{formula}: centred when it fits the line; otherwise an in-line formula in display
% style that TeX breaks at the \penalty marks in it, continuation lines indented 2em
\newsavebox\gd@box
\newcommand\gdeq[1]{\par\nopagebreak\vspace{2pt}%
  \sbox\gd@box{$\displaystyle\binoppenalty\@M\relpenalty\@M #1$}%
  \ifdim\wd\gd@box>\linewidth \gd@break{#1}\else
    \begingroup\parindent\z@\parskip\z@\leftskip\z@\@plus1fil\rightskip\z@\@plus1fil
    \parfillskip\z@\noindent\usebox\gd@box\par\endgroup\vspace{4pt}\fi}
% \gdbreak{formula}: always broken (for a formula far wider than the line)
\newcommand\gdbreak[1]{\par\nopagebreak\vspace{2pt}\gd@break{#1}}
\newcommand\gd@break[1]{\begingroup\parindent\z@\parskip\z@\lineskiplimit4\p@\lineskip6\p@
  \leftskip\z@\rightskip\z@\@plus1fil\parfillskip\z@\@plus1fil\hangindent2em\hangafter\@ne
  \noindent$\displaystyle\binoppenalty\@M\relpenalty\@M #1$\par\endgroup\vspace{4pt}}
% \gdnote{label}{text}{step}: the paragraph above a formula, kept with it, the step's
% name flush right on its last line (or below)
\newcommand\gdnote[3]{\par\addvspace{\medskipamount}\begingroup
  \interlinepenalty\@M\clubpenalty\@M\widowpenalty\@M\noindent#1#2\unskip\nobreak\hfil
  \penalty50\hskip1em\hbox{}\nobreak\hfil\texttt{\small#3}\parfillskip\z@
  \finalhyphendemerits\z@\par\endgroup\nopagebreak}
\makeatother"""


def _preamble() -> List[str]:
    return _PREAMBLE.splitlines()


def _tt(name: str) -> str:
    """A name in typewriter type that may break after ``-``, ``_`` and ``.``."""
    out = []
    for ch in name:
        out.append(_TT_ESC.get(ch, ch))
        if ch in "-_./":
            out.append("\\allowbreak{}")
    return "\\texttt{" + "".join(out) + "}"


_TT_ESC = {"_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}",
           "^": r"\^{}", "~": r"\~{}", "\\": r"\textbackslash{}"}


def _tt_math(name: str) -> str:
    """A result's name inside ``\\mathrm{...}``."""
    return "".join(_TT_ESC.get(ch, ch) for ch in name)


def _plain(text: str) -> str:
    """Arbitrary text (a report's method or detail) escaped for a paragraph, breakable after
    ``_``, ``/`` and ``=`` (long identifiers and expressions)."""
    return "".join(_TT_ESC.get(ch, ch) + ("\\allowbreak{}" if ch in "_/=" else "")
                   for ch in str(text))


def _para(text: str) -> str:
    """:func:`latex_text` for a paragraph: a line may also break after an underscore of the
    text (``a_long_name``)."""
    return "".join(p if p.startswith("$") and p.endswith("$") and len(p) >= 2 else
                   latex_text(p).replace("\\_", "\\_\\allowbreak{}")
                   for p in re.split(r"(\$[^$]*\$)", text))


def _note(eq: str, kind: str, why: str, name: str, raw_kind: bool = False) -> str:
    """The paragraph above a formula: equation label, kind, justification, step name."""
    head = f"\\textbf{{{_para(eq)}}}\\enspace " if eq else ""
    kind_tex = kind if raw_kind else f"\\emph{{{_para(kind)}}}"
    text = f": {_para(why)}" if why else ""
    return f"\\gdnote{{{head}}}{{{kind_tex}{text}}}{{{_tt(name)[8:-1] if name else ''}}}"


def _display(formula: str, width: float) -> str:
    """A formula on its own: ``\\gdeq`` (centred if it fits, else broken), or ``\\gdbreak``
    (broken) when it is clearly too wide (a box many lines wide is too large for TeX)."""
    macro = "gdbreak" if _tex_width(formula) > 1.5 * width else "gdeq"
    return f"\\{macro}{{" + _breakable(formula, width) + "}"


def _relation_tex(step: Step, tex: Callable) -> str:
    """``step._latex_relation`` with the document's printer (a step class of a plugin may
    still define it without one)."""
    import inspect
    f = step._latex_relation
    return f(tex) if inspect.signature(f).parameters else f()


def _sci(x) -> str:
    """A residual: ``1.7e-41`` as an unbreakable :math:`1.7\\times10^{-41}`."""
    try:
        m, e = f"{float(x):.1e}".split("e")
    except ValueError:                            # inf, nan
        return _plain(str(x))
    if float(x) == 0:
        return "0"
    return f"\\mbox{{${m}\\times10^{{{int(e)}}}$}}" if int(e) else f"${m}$"


def _report_section(report: Report) -> List[str]:
    head = (f"{report.passed} of {len(report.steps)} steps passed"
            + ("." if report.ok else f"; {report.failed} did not."))
    out = ["\\section*{Verification}", f"\\noindent {head}", "\\begin{itemize}"]
    upstream = report.upstream_failures()
    for s in report.steps:
        line = (f"\\item {_tt(s.step)}: {s.status}{' (cached)' if s.cached else ''} "
                f"({_plain(s.method)}; residual {_sci(s.residual)})")
        if not s.ok and s.detail:
            line += f". {_plain(s.detail)}"
        if s.step in upstream:
            line += ". Rests on " + ", ".join(_tt(u) for u in upstream[s.step]) + \
                ", which did not pass"
        out.append(line)
    out.append("\\end{itemize}")
    return out
