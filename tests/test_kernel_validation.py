"""Every exported numeric helper validates its input (issue 8, item 1): a negative frequency,
a NaN coefficient or ``None`` is a clear error naming the parameter, never a number; float32 in
gives float64 out; large inputs are processed in bounded memory."""

import tracemalloc

import numpy as np
import pytest

from glassderive.numeric.quartic import cubic_real_roots, quartic_minima
from glassderive.numeric.seagull import (CHUNK, large_x_law, reduced_dos, small_x_law,
                                         t_integral, thermal_reduced_dos_III)


@pytest.mark.parametrize("call, match", [
    (lambda: small_x_law(-1.0), "parameter 'x' must lie in"),          # returned 4.68
    (lambda: large_x_law(-1.0), "parameter 'x' must lie in"),          # returned -3
    (lambda: small_x_law(np.nan), "parameter 'x' must be finite"),
    (lambda: cubic_real_roots(1.0, 0.0, np.nan, 1.0), "parameter 'c1' must be finite"),
    (lambda: quartic_minima(0.1, -1.0, 0.2, np.nan), "parameter 'a4' must be finite"),
    (lambda: quartic_minima(0.1, -1.0, 0.2, -1.0), "a4 must be > 0"),
    (lambda: reduced_dos(-2.0), "parameter 'x'"),
    (lambda: t_integral(0.0), "parameter 'lam' must be > 0"),
    (lambda: thermal_reduced_dos_III(1.0, 0.0), "parameter 'theta'"),
])
def test_bad_values_are_value_errors_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("bad", [None, "1.0", [1.0, None], object(), 1 + 2j])
def test_non_numbers_are_type_errors(bad):
    with pytest.raises(TypeError, match="parameter 'x' must be (a )?real"):
        reduced_dos(bad)


def test_float32_in_float64_out():
    x32 = np.array([0.3, 1.0, 7.5], dtype=np.float32)
    out = reduced_dos(x32)
    assert out.dtype == np.float64
    # the double-precision value at the float32 argument
    np.testing.assert_array_equal(out, reduced_dos(x32.astype(np.float64)))
    assert reduced_dos(np.float32(1.0)).dtype == np.float64
    assert cubic_real_roots(np.float32(1), 0, -1, 0).dtype == np.float64


def test_chunks_give_the_same_values():
    rng = np.random.default_rng(8)
    x = 10.0 ** rng.uniform(-6, 6, size=2 * CHUNK + 17)
    whole = reduced_dos(x)
    parts = np.concatenate([reduced_dos(x[i:i + 1000]) for i in range(0, x.size, 1000)])
    np.testing.assert_array_equal(whole, parts)
    assert reduced_dos(x.reshape(-1, 1)).shape == (x.size, 1)


def test_large_input_in_bounded_memory():
    x = np.logspace(-3, 3, 1_000_000)
    reduced_dos(x[:10])
    tracemalloc.start()
    try:
        out = reduced_dos(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert np.isfinite(out).all()
    # the output (8 MB) plus O(CHUNK) temporaries; unchunked it was over 1 GB at 1e7 points
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.0f} MiB"
