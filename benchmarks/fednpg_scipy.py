#!/usr/bin/env python3
"""FedNPG with Q-tracking on a fednpg-mdp/1 file, written the way an expert SciPy user would.

The same work as `./fednpg run garnet2000.yaml` (SPEC sections 3 and 5): N agents on a ring with
equal weights (1/3), eta = 0.1, tau = 0, uniform initial policies, exact evaluation of every agent's
Q on its own reward each iteration, and every metric every iteration (pi-bar's value and Q on the
averaged reward, optimality gap, q_error, consensus, min/mean of the agents' values on r-bar).

Every linear solve (I - gamma P_pi) V = r_pi is a SciPy `bicgstab` (rtol 1e-12) warm-started from
the previous iteration's V of the same agent (or of the same metric), with P_pi assembled by one
precomputed scatter (`np.bincount` on the fixed pattern) -- the fast path an expert would write.
The achieved scaled residual ||(I - gamma P_pi) V - b||_inf / max(1, ||b||_inf) of every solve is
computed and reported (the Java side certifies 1e-10 on every solve).

usage: fednpg_scipy.py MDP.json [ITERATIONS] [--eta 0.1] [--csv out.csv]
Prints ms per iteration (mean and median, the first iteration excluded) and the last metrics row.
"""
import argparse
import json
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def load(path):
    with open(path) as f:
        m = json.load(f)
    if m.get("format") != "fednpg-mdp/1":
        sys.exit(f"{path}: format is {m.get('format')!r}, expected 'fednpg-mdp/1'")
    S, A = m["states"], m["actions"]
    t = np.asarray(m["transitions"], dtype=float)
    rows = (t[:, 0].astype(np.int64) * A + t[:, 1].astype(np.int64))
    P = sp.csr_matrix((t[:, 3], (rows, t[:, 2].astype(np.int64))), shape=(S * A, S))
    P.sum_duplicates()
    rewards = np.asarray(m["rewards"], dtype=float).reshape(len(m["rewards"]), S * A)
    rho = np.asarray(m["initial"], dtype=float) if "initial" in m else np.full(S, 1.0 / S)
    return S, A, m["gamma"], P, rewards, rho


class Evaluator:
    """Exact V and Q of a policy on the kernel P, by warm-started BiCGSTAB on a fixed pattern."""

    def __init__(self, S, A, gamma, P):
        self.S, self.A, self.gamma, self.P = S, A, gamma, P
        # pattern of I - gamma P_pi: union over actions of the kernel's support, plus the diagonal
        sa_state = np.repeat(np.arange(S), A)
        rows_of_entry = sa_state[np.repeat(np.arange(S * A), np.diff(P.indptr))]
        cols_of_entry = P.indices
        diag = np.arange(S)
        key = np.concatenate([rows_of_entry, diag]) * S + np.concatenate([cols_of_entry, diag])
        uniq, inverse = np.unique(key, return_inverse=True)
        self.slot = inverse[: len(rows_of_entry)]
        self.nnz = len(uniq)
        self.is_diag = (uniq // S) == (uniq % S)
        r, c = uniq // S, uniq % S
        self.template = sp.csr_matrix((np.ones(self.nnz), (r, c)), shape=(S, S))
        self.template.sort_indices()
        # the csr constructor keeps the sorted order of uniq (row-major), so data lines up
        self.entry_sa = np.repeat(np.arange(S * A), np.diff(P.indptr))
        self.solves = 0
        self.iterations = 0
        self.worst = 0.0

    def matrix(self, pi):
        w = np.bincount(self.slot, weights=pi[self.entry_sa] * self.P.data, minlength=self.nnz)
        A = self.template.copy()
        A.data = self.is_diag - self.gamma * w
        return A

    def values(self, A, pi, reward, x0):
        b = (pi * reward).reshape(self.S, self.A).sum(axis=1)
        count = [0]

        def cb(_):
            count[0] += 1

        v, info = spla.bicgstab(A, b, x0=x0, rtol=1e-12, atol=0.0, callback=cb)
        if info != 0:
            raise RuntimeError(f"bicgstab did not converge (info {info})")
        res = np.abs(A @ v - b).max() / max(1.0, np.abs(b).max())
        self.solves += 1
        self.iterations += count[0]
        self.worst = max(self.worst, res)
        return v

    def q(self, reward, v):
        return reward + self.gamma * (self.P @ v)


def normalise(logits, S, A):
    z = logits.reshape(-1, S, A)
    z = z - z.max(axis=2, keepdims=True)
    z = z - np.log(np.exp(z).sum(axis=2, keepdims=True))
    return z.reshape(logits.shape)


def oracle(S, A, gamma, P, rbar):
    """Q* of r-bar by policy iteration with direct sparse solves (not timed)."""
    pol = np.zeros(S, dtype=np.int64)
    for _ in range(200):
        rows = np.arange(S) * A + pol
        Ppi = P[rows]
        v = spla.spsolve(sp.identity(S, format="csc") - gamma * Ppi.tocsc(), rbar[rows])
        q = rbar + gamma * (P @ v)
        new = q.reshape(S, A).argmax(axis=1)
        if np.array_equal(new, pol):
            return q, v
        pol = new
    raise RuntimeError("policy iteration did not converge")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mdp")
    ap.add_argument("iterations", nargs="?", type=int, default=30)
    ap.add_argument("--eta", type=float, default=0.1)
    ap.add_argument("--csv")
    args = ap.parse_args()
    S, A, gamma, P, rewards, rho = load(args.mdp)
    N = rewards.shape[0]
    tau, eta = 0.0, args.eta
    keep, step = 1 - eta * tau / (1 - gamma), eta / (1 - gamma)
    W = np.zeros((N, N))
    for n in range(N):
        for m in (n - 1, n, n + 1):
            W[n, m % N] += 1.0 / 3.0
    rbar = rewards.mean(axis=0)
    q_star, v_star = oracle(S, A, gamma, P, rbar)
    v_star_rho = rho @ v_star
    ev = Evaluator(S, A, gamma, P)

    logp = np.full((N, S * A), -np.log(A))
    V = np.zeros((N, S))          # warm starts: each agent's V on its own reward
    Vbar_agents = np.zeros((N, S))  # warm starts: each agent's V on r-bar (metrics)
    Vbar = np.zeros(S)            # warm start: pi-bar's V on r-bar (metrics)
    q = np.empty((N, S * A))
    for n in range(N):
        pi = np.exp(logp[n])
        V[n] = ev.values(ev.matrix(pi), pi, rewards[n], V[n])
        q[n] = ev.q(rewards[n], V[n])
    T = q.copy()
    rows, times = [], []
    t_start = time.perf_counter()
    for t in range(args.iterations):
        t0 = time.perf_counter()
        logp = normalise(W @ (keep * logp + step * T), S, A)
        q_new = np.empty_like(q)
        mats = []
        for n in range(N):
            pi = np.exp(logp[n])
            M = ev.matrix(pi)
            mats.append((M, pi))
            V[n] = ev.values(M, pi, rewards[n], V[n])
            q_new[n] = ev.q(rewards[n], V[n])
        T = W @ (T + q_new - q)
        q = q_new
        # metrics (SPEC section 5), every iteration; the agents' matrices are reused
        mean = normalise(logp.mean(axis=0), S, A)
        pbar = np.exp(mean)
        Vbar = ev.values(ev.matrix(pbar), pbar, rbar, Vbar)
        qbar = ev.q(rbar, Vbar)
        value = rho @ Vbar
        agent_values = np.empty(N)
        for n in range(N):
            M, pi = mats[n]
            Vbar_agents[n] = ev.values(M, pi, rbar, Vbar_agents[n])
            agent_values[n] = rho @ Vbar_agents[n]
        row = dict(iteration=t + 1, value=value, optimality_gap=v_star_rho - value,
                   q_error=np.abs(q_star - qbar).max(), consensus=np.abs(logp - mean).max(),
                   agent_value_min=agent_values.min(), agent_value_mean=agent_values.mean(),
                   elapsed_ms=int(round((time.perf_counter() - t_start) * 1000)))
        rows.append(row)
        times.append(time.perf_counter() - t0)
    steady = times[1:] if len(times) > 1 else times
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}")
    print(f"{args.mdp}: |S| = {S}, |A| = {A}, N = {N}, gamma = {gamma}, {args.iterations} iterations")
    print(f"ms/iteration: mean {1000 * np.mean(steady):.1f}, median {1000 * np.median(steady):.1f}"
          f" (first iteration excluded)")
    print(f"solves {ev.solves} ({ev.solves / (args.iterations + 1):.1f} per iteration), "
          f"bicgstab iterations per solve {ev.iterations / ev.solves:.1f}, "
          f"worst scaled residual {ev.worst:.2e}")
    print("last row: " + ", ".join(f"{k} {v:.12g}" if isinstance(v, float) else f"{k} {v}"
                                   for k, v in rows[-1].items()))
    if args.csv:
        with open(args.csv, "w") as f:
            f.write(",".join(rows[0].keys()) + "\n")
            for r in rows:
                f.write(",".join(repr(float(v)) if isinstance(v, float) else str(v)
                                 for v in r.values()) + "\n")


if __name__ == "__main__":
    main()
