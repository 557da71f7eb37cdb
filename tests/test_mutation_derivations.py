"""`glassderive mutate` on every shipped derivation: every mutant killed or declared equivalent.

The CI subset is deterministic: at most ``LIMIT`` mutants per step (a kind-stratified sample
that depends only on the step's name), every step of every derivation, surviving domain
widenings re-checked on the added region alone (``probe``: a widening the check confirms there
is a true statement, not an error).  ``glassderive mutate NAME`` runs the whole catalogue; the
recorded results are in docs/mutation-results.md.
"""

import os
from concurrent.futures import ProcessPoolExecutor

import pytest

import glassderive
from glassderive.verify.mutate import mutate

LIMIT = int(os.environ.get("GLASSDERIVE_MUTATE_LIMIT", "2"))


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as ex:
        yield ex


@pytest.mark.parametrize("name", glassderive.list_derivations())
def test_every_mutant_killed_or_declared(name, pool):
    rep = mutate(name, limit=LIMIT, probe=True, baseline=False, executor=pool, timeout=120)
    assert rep.total > 0
    lines = [f"{o.step} {o.id}: {o.description} ({o.detail[:160]}; {o.probe})"
             for o in rep.survivors]
    assert not rep.survivors, f"{name}: {len(rep.survivors)} surviving mutants:\n" + \
        "\n".join(lines)
    assert not rep.declared_but_killed, f"{name}: stale declarations " + \
        ", ".join(f"{o.step} {o.id}" for o in rep.declared_but_killed)
    assert not rep.unknown_declared, f"{name}: declared ids not in the catalogue " \
        f"{rep.unknown_declared}"
