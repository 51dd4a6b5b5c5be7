#!/usr/bin/env python3
"""Issue 18, round 5: passes over P_pi per solve for BiCGSTAB, deflated Richardson and Gauss-Seidel
sweeps with a coarse correction on the constant vector. A study, not part of any result (README,
Performance, round 5).

The same FedNPG trajectory as krylov_study.py (Q-tracking, eta = 0.1, tau = 0, ring with equal
weights, uniform start, direct solves for the trajectory). For two agents every third iteration,
each method solves that agent's new system (I - gamma P_pi) V = r_pi from the Bellman start
sum_a pi'(a|s) q_t(s,a) (what NpgAgent hands the solver) and from the cold start b + c mean(b), to
the stop the Java solver uses: residual max-norm <= 0.5e-10 * max(1, ||b||_inf). Counted: one per
pass over the matrix. Gauss-Seidel here is the lagged form (the residual of the old iterate and the
sweep share one two-vector pass; the correction x += sum(r) / (m (1 - gamma)) follows the sweep);
fednpg runs the in-place form, whose counts are printed by ScaleRun.

usage: sweep_study.py MDP.json [ITERATIONS]
"""
import sys

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

import fednpg_scipy as F
from krylov_study import bicgstab_products


def richardson(M, b, x, target, c, limit=400):
    """x += M^-1 (b - A x) with the deflation M^-1 = I + c 1 1^T / m: one product per step."""
    k = 0
    while k < limit:
        r = b - M @ x
        k += 1
        if np.abs(r).max() <= target:
            return k
        x = x + r + c * r.mean()
    return k


def gauss_seidel(M, b, x, target, gamma, limit=400):
    """Forward sweeps with the lagged coarse correction; one (two-vector) pass per sweep."""
    lower = sp.tril(M, format="csr")
    upper = sp.triu(M, k=1, format="csr")
    m, k = len(b), 0
    while k < limit:
        r = b - M @ x  # shares the sweep's pass
        k += 1
        if np.abs(r).max() <= target:
            return k
        x = spla.spsolve_triangular(lower, b - upper @ x, lower=True) + r.sum() / (m * (1 - gamma))
    return k


def main():
    S, A, gamma, P, rewards, _ = F.load(sys.argv[1])
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 13
    N = rewards.shape[0]
    ev = F.Evaluator(S, A, gamma, P)
    W = np.zeros((N, N))
    for n in range(N):
        for m in (n - 1, n, n + 1):
            W[n, m % N] += 1.0 / 3.0
    step, c = 0.1 / (1 - gamma), gamma / (1 - gamma)
    logp = np.full((N, S * A), -np.log(A))

    def system(n):
        pi = np.exp(logp[n])
        return ev.matrix(pi), (pi * rewards[n]).reshape(S, A).sum(axis=1)

    q, V = np.empty((N, S * A)), np.empty((N, S))
    for n in range(N):
        M, b = system(n)
        V[n] = spla.spsolve(M.tocsc(), b)
        q[n] = ev.q(rewards[n], V[n])
    T, counts = q.copy(), []
    print("iteration agent: warm (bicgstab richardson gauss-seidel) cold (the same)")
    for t in range(1, iterations + 1):
        logp = F.normalise(W @ (logp + step * T), S, A)
        q_new = np.empty_like(q)
        for n in range(N):
            M, b = system(n)
            target = 0.5e-10 * max(1.0, np.abs(b).max())
            if n in (0, 7) and t % 3 == 1:
                warm = (np.exp(logp[n]) * q[n]).reshape(S, A).sum(axis=1)
                cold = b + c * b.mean()
                row = [f(M, b, s.copy(), target) for s in (warm, cold) for f in (
                    lambda M, b, x, tg: bicgstab_products(M, b, x, tg, c),
                    lambda M, b, x, tg: richardson(M, b, x, tg, c),
                    lambda M, b, x, tg: gauss_seidel(M, b, x, tg, gamma))]
                counts.append(row)
                print(f"{t:3d} {n:2d}: {row[:3]} {row[3:]}", flush=True)
            V[n] = spla.spsolve(M.tocsc(), b)
            q_new[n] = ev.q(rewards[n], V[n])
        T = W @ (T + q_new - q)
        q = q_new
    mean = np.mean(np.array(counts, dtype=float), axis=0)
    print("mean passes per solve, warm: bicgstab %.1f richardson %.1f gauss-seidel %.1f; "
          "cold: %.1f %.1f %.1f" % tuple(mean))


if __name__ == "__main__":
    main()
