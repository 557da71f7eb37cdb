"""The interacting anharmonic soft-oscillator model (numeric/oscillators.py; issue 17).

Model construction (symmetry, the Schur complements against direct eliminations, the analytic
gradient and Hessian against finite differences), the exact A-scaling of the relaxed spectrum,
the estimators on samples with a known answer, seeded reproducibility on any executor including
a real ``distributed.LocalCluster``, and the CLI.
"""

import math
import shlex
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from glassderive.numeric import oscillators as osc

SMALL = osc.ModelParams(N=27, J=0.02)


@pytest.fixture(scope="module")
def model343():
    return osc.build_model(osc.ModelParams(N=343, J=0.1), seed=7)


# -- construction -----------------------------------------------------------------------------
@pytest.mark.parametrize("geometry,coupling,d_min", [("cubic", "unit", 0.0),
                                                     ("random", "dipole", 0.0),
                                                     ("random", "unit", 0.6)])
def test_couplings_symmetric_and_geometry(geometry, coupling, d_min):
    m = osc.build_model(osc.ModelParams(N=125, J=0.1, geometry=geometry, coupling=coupling,
                                        d_min=d_min), seed=3)
    H = m.harmonic_matrix()
    np.testing.assert_array_equal(H, H.T)
    np.testing.assert_array_equal(np.diag(m.I), 0.0)
    np.testing.assert_array_equal(np.diag(H), m.k)
    np.testing.assert_allclose(m.hessian(np.zeros(m.N)), H)
    assert m.box == pytest.approx(5.0)
    # minimum-image distances recovered from the couplings: |I| = J |g| / r^3
    d = m.positions[:, None] - m.positions[None]
    d -= m.box * np.round(d / m.box)
    r = np.sqrt((d**2).sum(-1))
    off = ~np.eye(m.N, dtype=bool)
    np.testing.assert_allclose(np.abs(m.I[off]), 0.1 * np.abs(m.g[off]) / r[off] ** 3)
    assert r[off].min() >= (1.0 if geometry == "cubic" else d_min) - 1e-12
    if coupling == "unit":
        assert set(np.unique(m.g[off])) == {-1.0, 1.0}
    assert np.all((m.omega > 0) & (m.omega < 1))
    np.testing.assert_allclose(m.k, m.omega**2)


def _dense_reference(params, seed):
    """The plain dense construction (every (N, N) array at once), written out here: the
    blockwise builder must give the same couplings from the same stream."""
    rng = np.random.default_rng(seed)
    N = params.N
    if params.geometry == "cubic":
        side = round(N ** (1 / 3))
        g1 = np.arange(side, dtype=float)
        pos, box = np.stack(np.meshgrid(g1, g1, g1, indexing="ij"), -1).reshape(-1, 3), side
    elif params.geometry == "random":
        box = N ** (1 / 3)
        pos = rng.uniform(0, box, (N, 3))
    if params.geometry == "mean-field":
        z = np.triu(rng.standard_normal((N, N)), 1)
        g = (z + z.T) / math.sqrt(N)
        r3 = np.ones((N, N))
    else:
        d = pos[:, None, :] - pos[None, :, :]
        d -= box * np.round(d / box)
        r2 = np.zeros((N, N))
        for c in range(3):
            r2 += d[:, :, c] ** 2
        np.fill_diagonal(r2, 1.0)
        r3 = r2 * np.sqrt(r2)
        if params.coupling == "unit":
            s = np.triu(rng.integers(0, 2, (N, N)) * 2.0 - 1.0, 1)
            g = s + s.T
        else:
            e = rng.standard_normal((N, 3))
            e /= np.linalg.norm(e, axis=1)[:, None]
            n = d / np.sqrt(r2)[:, :, None]
            g = e @ e.T - 3 * np.einsum("ik,ijk->ij", e, n) * np.einsum("jk,ijk->ij", e, n)
            g = 0.5 * (g + g.T)
    np.fill_diagonal(g, 0.0)
    I = params.J * g / r3
    u = rng.random(N)
    k = (np.cbrt(u) if params.stiffness == "g0" else np.sqrt(u)) ** 2
    return I, g, k


@pytest.mark.parametrize("kw", [dict(geometry="cubic"), dict(geometry="mean-field", h=0.1),
                                dict(geometry="random", coupling="dipole")])
def test_blockwise_build_equals_the_dense_construction(kw, monkeypatch):
    """The memory-lean builder (row blocks, forced to 7 rows here) reproduces the dense
    construction from the same seed: exactly for g = +-1 and the mean-field z_ij, to rounding for
    the dipole factor (symmetrised per block); keep_g=False drops only g."""
    monkeypatch.setattr(osc, "_block_rows", lambda N: 7)
    p = osc.ModelParams(N=64, J=0.1, **kw)
    I, g, k = _dense_reference(p, 9)
    m = osc.build_model(p, seed=9)
    exact = kw.get("coupling") != "dipole"
    check = np.testing.assert_array_equal if exact else \
        (lambda a, b: np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15))
    check(m.I, I)
    check(m.g, g)
    np.testing.assert_array_equal(m.I, m.I.T)
    np.testing.assert_allclose(m.k, k, rtol=1e-15)
    assert m.mean_abs_g == pytest.approx(np.mean(np.abs(g[np.triu_indices(64, 1)])), rel=1e-12)
    lean = osc.build_model(p, seed=9, keep_g=False)
    assert lean.g is None
    np.testing.assert_array_equal(lean.I, m.I)


def test_bare_frequencies_follow_g0():
    """omega_i from g_0 = 3 omega^2: the cube of omega is uniform (KS test)."""
    from scipy.stats import kstest
    m = osc.build_model(osc.ModelParams(N=1000, J=0.0), seed=11)
    assert kstest(m.omega**3, "uniform").pvalue > 1e-3


def test_A_spread_is_log_uniform_over_the_ratio_and_keeps_the_rest():
    a = osc.build_model(osc.ModelParams(N=343, A=2.0), seed=5)
    b = osc.build_model(osc.ModelParams(N=343, A=2.0, A_spread=10.0), seed=5)
    np.testing.assert_array_equal(a.I, b.I)          # A is drawn last: paired realisations
    np.testing.assert_array_equal(a.k, b.k)
    np.testing.assert_array_equal(a.A, 2.0)
    assert b.A.min() >= 2 / math.sqrt(10) and b.A.max() <= 2 * math.sqrt(10)


@pytest.mark.parametrize("kwargs,needle", [
    (dict(N=100), "'N' must be a cube"), (dict(N=4), "'N' must be >= 8"),
    (dict(J=-0.1), "'J' must lie in [0, inf)"), (dict(geometry="fcc"), "'geometry'"),
    (dict(coupling="x"), "'coupling'"), (dict(A=0.0), "'A' must lie in (0, inf)"),
    (dict(A_spread=0.5), "'A_spread' must lie in [1, inf)"),
    (dict(geometry="random", d_min=0.95), "'d_min'"), (dict(J=float("nan")), "'J'")])
def test_parameters_are_validated(kwargs, needle):
    with pytest.raises(ValueError, match=None) as exc:
        osc.ModelParams(**kwargs)
    assert needle in str(exc.value)


# -- the three readings of kappa ----------------------------------------------------------------
def test_schur_complement_against_direct_elimination():
    m = osc.build_model(SMALL, seed=1)
    H = m.harmonic_matrix()
    kc = osc.kappa_schur(m)
    for i in range(m.N):
        o = np.arange(m.N) != i
        direct = H[i, o] @ np.linalg.solve(H[np.ix_(o, o)], H[o, i])
        assert kc[i] == pytest.approx(direct, rel=1e-10, abs=1e-14)
    assert osc.negative_eigenvalue_count(m) == 0 and np.all(kc < m.k)


def test_high_frequency_elimination_against_direct_inverse():
    m = osc.build_model(osc.ModelParams(N=64, J=0.05), seed=2)
    cut = 0.5
    kb = osc.kappa_high_frequency(m, cut, stiff=True)
    H = m.harmonic_matrix()
    hi = m.omega > cut
    Hhh_inv = np.linalg.inv(H[np.ix_(hi, hi)])
    for i in np.flatnonzero(~hi):
        v = m.I[i, hi]
        assert kb[i] == pytest.approx(v @ Hhh_inv @ v, rel=1e-10)
    np.testing.assert_allclose(kb[hi], m.k[hi] - 1 / np.diag(Hhh_inv), rtol=1e-10)
    # the soft ones only, by default; at J -> 0 (b) -> (a) restricted to the stiff partners
    assert np.all(np.isnan(osc.kappa_high_frequency(m, cut)[hi]))
    weak = osc.build_model(osc.ModelParams(N=64, J=1e-6), seed=2)
    kb0 = osc.kappa_high_frequency(weak, cut)
    ka_hi = (weak.I[:, hi] ** 2) @ (1 / weak.k[hi])
    np.testing.assert_allclose(kb0[~hi], ka_hi[~hi], rtol=1e-4)   # O(J) corrections


def test_adiabatic_kappa_and_unstable_block(model343):
    ka = osc.kappa_adiabatic(model343)
    i = 5
    o = np.arange(model343.N) != i
    assert ka[i] == pytest.approx(np.sum(model343.I[i, o] ** 2 / model343.k[o]))
    with pytest.raises(ValueError, match="omega_cut"):
        osc.kappa_high_frequency(model343, 0.0)      # the whole H is unstable at J = 0.1
    with pytest.raises(ValueError, match="omega_cut"):
        osc.kappa_high_frequency(model343, 1.0)


def test_negative_eigenvalues_and_critical_coupling(model343):
    H = model343.harmonic_matrix()
    assert osc.negative_eigenvalue_count(model343) == int(np.sum(np.linalg.eigvalsh(H) < 0)) > 0
    Jc = osc.critical_coupling(model343)
    for J, stable in ((0.98 * Jc, True), (1.02 * Jc, False)):
        m = osc.build_model(osc.ModelParams(N=343, J=J), seed=7)
        assert (osc.negative_eigenvalue_count(m) == 0) == stable


def test_levy_B_printed_and_derived():
    # g_0 = 3 omega^2: <1/omega> = 3/2; derived B = 4x printed for |g| = 1
    assert osc.levy_B(0.1, printed=True) == pytest.approx(math.pi / 3 * math.sqrt(math.pi / 2)
                                                          * 0.15)
    assert osc.levy_B(0.1) == pytest.approx(4 * osc.levy_B(0.1, printed=True))
    from scipy.integrate import quad
    assert quad(lambda x: float(osc.levy_density(np.array(x), 0.3)), 0, np.inf,
                limit=200)[0] == pytest.approx(1, abs=1e-6)


def test_poisson_positions_give_the_derived_levy_width():
    """Definition (a) on Poisson positions: the median of kappa is that of the Levy law (2.17)
    with the derived B (2.198 B^2), 16 times the one with the printed B."""
    from scipy.special import erfcinv
    ka = np.concatenate([osc.kappa_adiabatic(osc.build_model(
        osc.ModelParams(N=512, J=0.02, geometry="random"), seed=s)) for s in range(4)])
    B = osc.levy_B(0.02)
    med = B**2 / (2 * erfcinv(0.5) ** 2)
    assert np.median(ka) == pytest.approx(med, rel=0.1)
    beta, err, _ = osc.hill_tail(ka, 0.02)          # rho ~ kappa^-3/2
    assert abs(beta - 1.5) < 3 * err + 0.1


# -- energy, gradient, Hessian, relaxation -------------------------------------------------
def test_gradient_and_hessian_against_finite_differences():
    m = osc.build_model(osc.ModelParams(N=64, J=0.1, A_spread=5.0), seed=4)
    rng = np.random.default_rng(0)
    x = 0.3 * rng.standard_normal(m.N)
    h = 1e-5
    E = np.eye(m.N)
    g_fd = np.array([(m.energy(x + h * e) - m.energy(x - h * e)) / (2 * h) for e in E])
    np.testing.assert_allclose(m.gradient(x), g_fd, atol=1e-8)
    e, g = m.energy_and_gradient(x)
    assert e == pytest.approx(m.energy(x)) and np.allclose(g, m.gradient(x))
    H_fd = np.array([(m.gradient(x + h * e) - m.gradient(x - h * e)) / (2 * h) for e in E])
    np.testing.assert_allclose(m.hessian(x), H_fd, atol=1e-7)


def test_mean_field_geometry_and_constant_force():
    """Rainone et al. (2021): all-to-all Gaussian couplings of variance J^2/N, a force h."""
    p = osc.ModelParams(N=200, J=0.5, geometry="mean-field", h=0.1, stiffness="uniform")
    m = osc.build_model(p, seed=3)
    off = m.I[np.triu_indices(m.N, 1)]
    np.testing.assert_array_equal(m.I, m.I.T)
    assert np.std(off) * math.sqrt(m.N) == pytest.approx(0.5, rel=0.05)
    from scipy.stats import kstest
    assert kstest(m.k, "uniform").pvalue > 1e-3
    x = 0.2 * np.random.default_rng(1).standard_normal(m.N)
    h = 1e-5
    i = 7
    e = np.zeros(m.N)
    e[i] = h
    assert m.gradient(x)[i] == pytest.approx((m.energy(x + e) - m.energy(x - e)) / (2 * h),
                                             abs=1e-8)
    r = osc.relax(m, seed=2)
    assert r.grad_norm < 1e-10 and r.eigenvalues.min() > 0
    assert np.mean(r.x) > 0                      # pushed along the force
    with pytest.raises(ValueError, match="'h'"):
        osc.ModelParams(h=float("inf"))
    with pytest.raises(ValueError, match="'stiffness'"):
        osc.ModelParams(stiffness="flat")


def test_relaxation_reaches_a_minimum(model343):
    r = osc.relax(model343, seed=1)
    assert r.grad_norm < 1e-10
    assert r.eigenvalues.min() > 0                      # a minimum, not a saddle
    assert r.energy < 0                                 # below the unstable x = 0
    np.testing.assert_allclose(r.eigenvalues, np.linalg.eigvalsh(model343.hessian(r.x)),
                               atol=1e-10)


def test_lowest_modes_by_shift_invert_equal_the_dense_spectrum(model343):
    """spectrum=n (shift-invert Lanczos on the Cholesky factor at the minimum) gives the n
    lowest eigenvalues of numpy's dense eigvalsh of the same Hessian; a saddle is refused."""
    full = osc.relax(model343, seed=1)
    low = osc.relax(model343, seed=1, spectrum=60)
    np.testing.assert_array_equal(low.x, full.x)             # the same minimum
    dense = np.linalg.eigvalsh(model343.hessian(full.x))
    assert low.eigenvalues.shape == (60,)
    np.testing.assert_allclose(low.eigenvalues, dense[:60], rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="not positive definite"):
        osc.lowest_eigenvalues(model343, np.zeros(343), 5)   # x = 0 is a saddle at J = 0.1
    for bad in (0, 342, "low", 2.5):
        with pytest.raises(ValueError, match="'spectrum'"):
            osc.relax(model343, seed=1, spectrum=bad)


def test_partial_spectrum_report_stays_below_the_computed_end():
    """An ensemble with only the lowest modes: the same eigenvalues as the full one, and the
    report's numbers are taken below the smallest highest-computed frequency, counted per
    oscillator (N x realisations), not per computed mode."""
    p = osc.ModelParams(N=343, J=0.15)
    full = osc.simulate(p, 3, seed=5, harmonic=False)
    low = osc.simulate(p, 3, seed=5, harmonic=False, spectrum=120)
    ev = np.sort(full.data["eigenvalues"], axis=1)[:, :120]
    np.testing.assert_allclose(low.data["eigenvalues"], ev, rtol=1e-8, atol=1e-12)
    r = osc.relaxed_report(low)
    limit = np.sqrt(ev[:, -1]).min()
    assert r["omega_limit"] == pytest.approx(limit, rel=1e-8)
    assert r["modes"] == 3 * 343 and r["computed_modes"] == 360
    if r["fit"] is not None:
        assert r["fit"].omega_max <= limit
    if r["exponent"] is not None:
        w = np.sqrt(ev.reshape(-1))
        u = r["exponent"][3]
        assert u <= limit and r["exponent"][2] == np.sum(w <= u)
    assert "partial spectrum: the 120 lowest" in osc.summary(low)


def test_relaxed_spectrum_is_exactly_independent_of_a_common_A(model343):
    """y = sqrt(A) x maps the minima of A = 1 onto those of any A with the same Hessian."""
    r = osc.relax(model343, seed=1)
    m10 = osc.build_model(osc.ModelParams(N=343, J=0.1, A=10.0), seed=7)
    x10 = r.x / math.sqrt(10)
    assert np.max(np.abs(m10.gradient(x10))) < 1e-10
    np.testing.assert_allclose(m10.hessian(x10), model343.hessian(r.x), atol=1e-12)
    assert m10.energy(x10) == pytest.approx(r.energy / 10)


def _one_soft_oscillator(J, h, n_modes):
    """N = 27, oscillator 0 with k = -0.05 among stiff ones (k >= 0.3): the model, its relaxed
    minimum and the one double well found along the n_modes softest modes."""
    m = osc.build_model(osc.ModelParams(N=27, J=J, h=h), seed=1)
    m.k[0] = -0.05
    m.k[1:] = np.maximum(m.k[1:], 0.3)
    r = osc.relax(m, seed=1)
    dw = osc.double_wells(m, r, n_modes=n_modes, s_max=1.0)
    assert len(dw) == 1
    return m, r, dw


def test_double_wells_finds_the_mirror_minimum_of_a_soft_double_well():
    """One oscillator with k < 0 among weakly coupled stiff ones: its mirror minimum is found
    along the softest mode, with zero asymmetry (U is even) and the barrier k^2/4A of Eq.
    (2.15) with the renormalised k = k_1 - kappa (Eq. 2.13, kappa by the exact harmonic
    elimination of the stable rest); a stable stiff system has none."""
    m, r, dw = _one_soft_oscillator(J=0.01, h=0.0, n_modes=3)
    d = dw[0]
    assert abs(d.asymmetry) < 1e-12
    k_ren = m.k[0] - osc.kappa_schur(m)[0]
    assert d.barrier == pytest.approx(k_ren**2 / 4, rel=1e-2)
    assert d.barrier != pytest.approx(0.05**2 / 4, rel=2e-2)    # the bare k is not enough
    assert d.distance == pytest.approx(2 * np.linalg.norm(r.x), rel=1e-6)
    m.k[0] = 0.3
    assert osc.double_wells(m, osc.relax(m, seed=1), n_modes=3) == []


def test_double_well_with_a_force_matches_the_one_dimensional_soft_potential():
    """J = 0: oscillator 0 (k = -0.05, A = 1) under the constant force h is exactly the soft
    double well -h x - |k| x^2/2 + x^4/4.  The found second minimum has the asymmetry and the
    barrier of that quartic (its stationary points by numpy.roots, here), both barrier
    estimates agree, and R = |asymmetry|/barrier gives back phi = h/f* through
    soft_potential_ratio / soft_potential_phi."""
    m, r, dw = _one_soft_oscillator(J=0.0, h=0.002, n_modes=2)
    d = dw[0]
    xs = np.sort(np.roots([1.0, 0.0, -0.05, -0.002]).real)     # x^3 - |k| x - h = 0
    U = -0.002 * xs - 0.05 * xs**2 / 2 + xs**4 / 4
    assert abs(d.asymmetry) == pytest.approx(U[0] - U[2], rel=1e-5)
    assert d.barrier == pytest.approx(U[1] - U[2], rel=1e-4)       # 201-point path
    assert d.barrier_plane == pytest.approx(U[1] - U[2], rel=1e-5)
    f_star = 2 * 0.05**1.5 / (3 * math.sqrt(3))
    R = (U[0] - U[2]) / (U[1] - U[2])
    assert osc.soft_potential_ratio(0.002 / f_star) == pytest.approx(R, rel=1e-10)
    assert osc.soft_potential_phi(R) == pytest.approx(0.002 / f_star, abs=1e-4)
    shape = osc.double_well_shape([[d.omega, d.asymmetry, d.barrier, d.distance,
                                    d.participation, d.barrier_plane]])
    assert shape["n"] == 1 and shape["plane"]["phi"][0] == pytest.approx(0.002 / f_star,
                                                                         abs=1e-4)
    assert osc.soft_potential_ratio([0.0, 1.0]) == pytest.approx([0.0, 1.0])


def test_double_well_shape_of_a_uniform_phi_sample():
    """R values generated from uniform phi (R by numpy.roots of the quartic, not by the module)
    pass the uniformity test; phi piled up near 1 fails it."""
    rng = np.random.default_rng(3)

    def ratio(phi):
        f = phi * 2 / (3 * math.sqrt(3))
        xs = np.sort(np.roots([1.0, 0.0, -1.0, -f]).real)
        U = -f * xs - xs**2 / 2 + xs**4 / 4
        return (U[0] - U[2]) / (U[1] - U[2])

    for phis, uniform in ((rng.random(400), True), (1 - 0.2 * rng.random(400), False)):
        R = np.array([ratio(p) for p in phis])
        table = np.column_stack([np.zeros(400), R, np.ones(400), np.ones(400), np.ones(400)])
        st = osc.double_well_shape(table)["straight"]
        np.testing.assert_allclose(st["phi"], phis, atol=1e-4)
        assert (st["ks_p"] > 1e-3) == uniform


# -- estimators ---------------------------------------------------------------------------------
def test_power_law_exponent_recovers_omega4():
    w = np.random.default_rng(1).random(20000) ** (1 / 5)      # density ~ w^4 on (0, 1)
    beta, err, n = osc.power_law_exponent(w, 1.0)
    assert n == 20000 and abs(beta - 4) < 3 * err


def test_sea_gull_fit_recovers_omega_star():
    """Frequencies drawn from the sea-gull law with omega* = 0.1: the fit returns it."""
    x, R = osc._cumulative_reduced_dos()
    u = np.random.default_rng(2).random(6000) * osc._R(np.array(2.0))
    w = 0.1 * np.exp(np.interp(np.log(u), np.log(R), np.log(x)))
    n_osc = round(6000 / (0.5 * 0.1**2 * float(osc._R(np.array(2.0)))))   # M Phi(0) = 0.5
    fit = osc.fit_sea_gull(w, n_oscillators=n_osc, omega_max=0.2)
    assert abs(fit.omega_star - 0.1) < 3 * fit.omega_star_error
    assert fit.amplitude == pytest.approx(0.5, rel=0.1)
    assert fit.p_value > 1e-3
    from glassderive.numeric.seagull import boson_peak
    assert fit.omega_b == pytest.approx(boson_peak().x_b * fit.omega_star)


# -- ensembles, executors, seeds ----------------------------------------------------------------
def _small_run(**kw):
    return osc.simulate(osc.ModelParams(N=64, J=0.1), realisations=3, seed=42,
                        omega_cuts=(0.8,), **kw)


def test_seed_reproducibility_and_executors(tmp_path):
    a = _small_run()
    with ThreadPoolExecutor(2) as ex:
        b = _small_run(executor=ex)
    for key in ("k", "kappa_a", "kappa_c", "eigenvalues", "energies"):
        np.testing.assert_array_equal(a.data[key], b.data[key])
    c = osc.simulate(osc.ModelParams(N=64, J=0.1), realisations=3, seed=43, relax=False)
    assert not np.array_equal(a.data["k"], c.data["k"])
    assert not np.array_equal(a.data["k"][0], a.data["k"][1])   # independent streams
    path = tmp_path / "e.npz"
    a.save(path)
    back = osc.Ensemble.load(path)
    assert back.params == a.params and back.seed == 42 and back.options == a.options
    np.testing.assert_array_equal(back.data["eigenvalues"], a.data["eigenvalues"])
    assert "relaxed" in osc.summary(back)


def test_distributed_local_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        d = _small_run(executor=client.get_executor())
    a = _small_run()
    for key in ("k", "kappa_c", "eigenvalues"):
        np.testing.assert_array_equal(a.data[key], d.data[key])


def test_simulate_validates():
    with pytest.raises(ValueError, match="'realisations'"):
        osc.simulate(SMALL, realisations=0)
    with pytest.raises(ValueError, match="'omega_cuts'"):
        osc.simulate(SMALL, realisations=1, omega_cuts=(1.5,))
    with pytest.raises(ValueError, match="'seed'"):
        osc.simulate(SMALL, realisations=1, seed=-1)


# -- CLI ------------------------------------------------------------------------------------
CLI_ERRORS = {
    "simulate oscillators --J -1": "--J must lie in [0, inf)",
    "simulate oscillators --N 100": "--N must be a cube",
    "simulate oscillators --realisations 0": "--realisations must be >= 1",
    "simulate oscillators --J abc": "invalid float value",
    "simulate oscillators --geometry fcc": "invalid choice",
    "simulate oscillators --omega-cut 2": "--omega-cut must lie in [0, 1)",
    "simulate oscillators --A-spread 0.1": "--A-spread must lie in [1, inf)",
    "simulate oscillators -o /nonexistent-dir/x.npz": "cannot write /nonexistent-dir/x.npz",
    "simulate nope": "invalid choice",
    "simulate oscillators --double-wells -1": "--double-wells must be >= 0",
    "simulate oscillators --h inf": "--h must be finite",
    "simulate oscillators --spectrum some": "--spectrum must be 'full' or an integer >= 1",
    "simulate oscillators --N 27 --spectrum 26": "--spectrum must be < N - 1",
}


@pytest.mark.parametrize("argv", list(CLI_ERRORS))
def test_cli_bad_arguments_one_line_exit_2(argv, capsys):
    from glassderive.cli import main
    try:
        rc = main(shlex.split(argv))
    except SystemExit as exc:
        rc = exc.code
    assert rc == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert CLI_ERRORS[argv] in err, err


def test_cli_runs_and_saves(tmp_path, capsys):
    from glassderive.cli import main
    out = tmp_path / "r.npz"
    assert main(["simulate", "oscillators", "--N", "64", "--J", "0.1", "--realisations", "3",
                 "--omega-cut", "0.8", "--double-wells", "2", "--no-progress", "-o",
                 str(out)]) == 0
    text = capsys.readouterr().out
    assert "kappa a (Eq. 2.11)" in text and "Boson peak" in text
    assert "double wells along the 2 softest modes" in text
    e = osc.Ensemble.load(out)
    assert e.params["N"] == 64 and e.data["eigenvalues"].shape == (3, 64)
    assert e.data["double_wells"].shape == (3, 4, 6)
