#!/usr/bin/env python3
"""Issue 18, round 4: how many matrix-vector products could a different Krylov method or a better
start save on the Garnet solves? (A study, not part of any result; README Performance, round 4.)

Runs FedNPG with Q-tracking (eta = 0.1, tau = 0, ring with equal weights, uniform start) on a
fednpg-mdp/1 file with direct solves (so the trajectory does not depend on the method studied) and,
for two agents every third iteration, counts the products each method needs on that agent's new
system (I - gamma P_pi) V = r_pi from the warm start V of the previous iteration, to the stop the
Java solver uses: residual max-norm <= 0.5e-10 * max(1, ||b||_inf). Both methods use the same right
preconditioner as the Java solver (Brauer deflation, M^-1 = I + gamma/(1-gamma) 1 1^T / |S|):

- BiCGSTAB with the max-norm stop on its recursive residuals (what fednpg runs), from V_t and from
  the Bellman start sum_a pi'(a|s) q_t(s,a) (what NpgAgent hands the solver since round 4: one
  Bellman step, free since q_t = r + gamma P V_t is at hand);
- full GMRES (no restart), stopped at the first step whose TRUE residual meets the max-norm stop
  (an oracle stop, a lower bound for any practical GMRES) and at the first whose 2-norm does (what
  GMRES can check from its Hessenberg matrix).

It also prints, for three agents every iteration, the initial residual (constant mode removed,
which the deflation resolves in one step) of the warm start V_t and of the extrapolated starts
2 V_t - V_{t-1} and 3 V_t - 3 V_{t-1} + V_{t-2}.

usage: krylov_study.py MDP.json [ITERATIONS]
"""
import sys

import numpy as np
import scipy.sparse.linalg as spla

import fednpg_scipy as F


def bicgstab_products(M, b, x, target, c):
    prec = lambda z: z + c * z.mean()  # noqa: E731
    r = b - M @ x
    k = 1
    if np.abs(r).max() <= target:
        return k
    rh, p, v = r.copy(), np.zeros_like(b), np.zeros_like(b)
    rho = alpha = omega = 1.0
    while k < 400:
        rho_new = rh @ r
        beta = (rho_new / rho) * (alpha / omega)
        rho = rho_new
        p = r + beta * (p - omega * v)
        ph = prec(p)
        v = M @ ph
        k += 1
        alpha = rho / (rh @ v)
        s = r - alpha * v
        if np.abs(s).max() <= target:
            return k
        sh = prec(s)
        t = M @ sh
        k += 1
        omega = (t @ s) / (t @ t)
        x = x + alpha * ph + omega * sh
        r = s - omega * t
        if np.abs(r).max() <= target:
            return k
    return k


def gmres_products(M, b, x, target, c, limit=80):
    prec = lambda z: z + c * z.mean()  # noqa: E731
    r = b - M @ x
    k = 1
    if np.abs(r).max() <= target:
        return k, k
    beta = np.linalg.norm(r)
    V, Z = [r / beta], []
    H = np.zeros((limit + 1, limit))
    by_max = by_two = None
    for j in range(limit):
        z = prec(V[j])
        Z.append(z)
        w = M @ z
        k += 1
        for i in range(j + 1):  # modified Gram-Schmidt
            H[i, j] = w @ V[i]
            w = w - H[i, j] * V[i]
        H[j + 1, j] = np.linalg.norm(w)
        V.append(w / H[j + 1, j])
        e = np.zeros(j + 2)
        e[0] = beta
        y = np.linalg.lstsq(H[: j + 2, : j + 1], e, rcond=None)[0]
        res = b - M @ (x + np.array(Z).T @ y)  # the true residual (not counted as a product)
        if by_max is None and np.abs(res).max() <= target:
            by_max = k
        if by_two is None and np.linalg.norm(res) <= target:
            by_two = k
        if by_max and by_two:
            break
    return by_max, by_two


def main():
    path = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    S, A, gamma, P, rewards, _ = F.load(path)
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

    def centred_max(r):
        return np.abs(r - r.mean()).max()

    history = []
    q = np.empty((N, S * A))
    V = np.empty((N, S))
    for n in range(N):
        M, b = system(n)
        V[n] = spla.spsolve(M.tocsc(), b)
        q[n] = ev.q(rewards[n], V[n])
    history.append(V.copy())
    T = q.copy()
    counts = []
    print("iteration agent: bicgstab (from V_t, from the Bellman start) gmres(true max-norm "
          "stop) gmres(2-norm stop) from V_t | "
          "initial residual of V_t / linear / quadratic extrapolation, agents 0 5 11")
    for t in range(1, iterations + 1):
        logp = F.normalise(W @ (logp + step * T), S, A)
        q_new = np.empty_like(q)
        line, res = [], []
        for n in range(N):
            M, b = system(n)
            target = 0.5e-10 * max(1.0, np.abs(b).max())
            if n in (0, 7) and t % 3 == 1:
                kb = bicgstab_products(M, b, V[n].copy(), target, c)
                bellman = (np.exp(logp[n]) * q[n]).reshape(S, A).sum(axis=1)
                kb1 = bicgstab_products(M, b, bellman, target, c)
                kg, kg2 = gmres_products(M, b, V[n].copy(), target, c)
                counts.append((kb, kb1, kg, kg2))
                line.append(f"{n}: {kb} {kb1} {kg} {kg2}")
            if n in (0, 5, 11):
                h = [hh[n] for hh in history[-3:]]
                starts = [h[-1]]
                if len(h) >= 2:
                    starts.append(2 * h[-1] - h[-2])
                if len(h) >= 3:
                    starts.append(3 * h[-1] - 3 * h[-2] + h[-3])
                res.append("/".join(f"{centred_max(b - M @ s):.1e}" for s in starts))
            V[n] = spla.spsolve(M.tocsc(), b)
            q_new[n] = ev.q(rewards[n], V[n])
        T = W @ (T + q_new - q)
        q = q_new
        history.append(V.copy())
        print(f"{t:3d} {'; '.join(line):36s} | {'  '.join(res)}", flush=True)
    mean = np.mean(np.array(counts, dtype=float), axis=0)
    print(f"mean products per solve: bicgstab {mean[0]:.2f} (Bellman start {mean[1]:.2f}), "
          f"gmres (true max-norm stop) {mean[2]:.2f}, gmres (2-norm stop) {mean[3]:.2f}")


if __name__ == "__main__":
    main()
