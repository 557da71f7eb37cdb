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
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Sequence

import mpmath as mp
import sympy as sp

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
        ``why`` and ``eq`` are set).  Lines are joined by ``\\``.
        """
        lines = []
        for sym, expr, text in self.definitions:
            note = "definition" + (f": {text}" if text else "")
            lines.append(f"{sp.latex(sym)} &:= {sp.latex(expr)} && \\text{{{latex_text(note)}}}")
        lines += [s.latex() for s in self.steps]
        return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"

    def latex_results(self) -> str:
        r"""The exported results as an ``align*`` environment, one line
        ``\text{name}:\quad & expr && \text{description}`` each ("" without results)."""
        if not self._results:
            return ""
        lines = []
        for r in self._results.values():
            desc = f" && \\text{{{latex_text(r.description)}}}" if r.description else ""
            lines.append(f"\\text{{{latex_text(r.name)}}}:\\quad & {sp.latex(r.expr)}{desc}")
        return "\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}"

    def document(self, report: Optional[Report] = None) -> str:
        """A standalone LaTeX document (pdflatex; needs amsmath, amssymb, geometry).

        Parameters
        ----------
        report : Report, optional
            The outcome of :meth:`verify`; if given, a "Verification" section lists each
            step's status, method and residual.

        Returns
        -------
        str
            The document: title, source and equations, the summary, the derivation
            (:meth:`latex`) and the results (:meth:`latex_results`).  The title, source,
            equations and summary are escaped as text with ``$...$`` spans kept as math.
        """
        parts = [
            "\\documentclass[10pt]{article}",
            "\\usepackage{amsmath,amssymb}",
            "\\allowdisplaybreaks",
            "\\usepackage[a3paper,landscape,margin=1.5cm]{geometry}",
            f"\\title{{{latex_text(self.title)}}}",
            f"\\author{{glassderive derivation \\texttt{{{latex_text(self.name)}}}}}",
            "\\date{}",
            "\\begin{document}",
            "\\maketitle",
            f"\\noindent Source: {latex_text(self.paper)}, Eqs.~{latex_text(self.equations)}.",
            "",
        ]
        if self.summary:
            parts += [latex_text(self.summary), ""]
        parts += ["\\section*{Derivation}", "{\\small", self.latex(), "}"]
        res = self.latex_results()
        if res:
            parts += ["\\section*{Results}", "{\\small", res, "}"]
        if report is not None:
            parts += ["\\section*{Verification}", "\\begin{itemize}"]
            for s in report.steps:
                parts.append(f"\\item \\texttt{{{latex_text(s.step)}}}: {s.status} "
                             f"({latex_text(s.method)}; residual {s.residual:.1e})")
            parts.append("\\end{itemize}")
        parts.append("\\end{document}")
        return "\n".join(parts) + "\n"
