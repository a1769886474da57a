"""The usual way in Python, for bench/run.ts: scipy eigh_tridiagonal (eigenvectors) + numpy P(t), and numpy dense eigh.
Prints JSON {"tridiagonal_ms": ..., "dense_ms": ...} per sample at the given N (one core: run with OMP/OPENBLAS threads = 1).
"""
import json, sys, time
import numpy as np
from scipy.linalg import eigh_tridiagonal

N = int(sys.argv[1]) if len(sys.argv) > 1 else 999
samples = int(sys.argv[2]) if len(sys.argv) > 2 else 20
dense_samples = int(sys.argv[3]) if len(sys.argv) > 3 else 2
rng = np.random.default_rng(1)
beta, g, sigma = 2, 46 / N, 1 / np.sqrt(N)
tau = np.logspace(-3, 1, 200)
t = tau * 2 * N

def tri():
    d = np.empty(N + 1); e = np.empty(N)
    d[0] = 0; e[0] = sigma * np.sqrt(g * rng.chisquare(beta * N) / beta)
    d[1:] = rng.normal(0, sigma * np.sqrt(2 / beta), N)
    e[1:] = sigma * np.sqrt(rng.chisquare(beta * (N - np.arange(1, N))) / beta)
    return d, e

tri(); t0 = time.perf_counter()
for _ in range(samples):
    d, e = tri()
    w, v = eigh_tridiagonal(d, e)
    p = v[0] ** 2
    P = np.abs(np.exp(-1j * np.outer(t, w)) @ p) ** 2
tri_ms = (time.perf_counter() - t0) / samples * 1e3

t0 = time.perf_counter()
for _ in range(dense_samples):
    H = (rng.normal(size=(N, N)) + 1j * rng.normal(size=(N, N))) * sigma / 2
    H = H + H.conj().T
    W = (rng.normal(size=N) + 1j * rng.normal(size=N)) * np.sqrt(g / 2) * sigma
    M = np.zeros((N + 1, N + 1), complex); M[0, 1:] = W; M[1:, 0] = W.conj(); M[1:, 1:] = H
    w, v = np.linalg.eigh(M)
    p = np.abs(v[0]) ** 2
    P = np.abs(np.exp(-1j * np.outer(t, w)) @ p) ** 2
dense_ms = (time.perf_counter() - t0) / dense_samples * 1e3
print(json.dumps({"N": N, "tridiagonal_ms": tri_ms, "dense_ms": dense_ms}))
