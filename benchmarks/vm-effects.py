#!/usr/bin/env python3
"""Offline comparison of ways to compare kernels per workload when a VM's speed moves all
workloads together ("VM luck"), on the lsm-cost data in docs/lsm-cost/.

Data: each *.runs.jsonl line is one run; only phase "measurement" is used. A sample is the log of a
VM's mean value of a workload (one VM per kernel per round), as in kbench. caponly is the baseline.

Methods (each gives, per variant and workload, slower / faster / same / inconclusive with θ = 1 %):
  a        kbench today: Welch's t-test on the logs of the VM means, 95 % interval, Benjamini-Hochberg
           over all variant×workload comparisons of the suite; slower/faster = q < 0.05 and the whole
           interval beyond ±θ; same = the interval inside (−θ, +θ); else inconclusive.
  a-pooled ablation: a t-test per workload whose variance is pooled over the VMs of all kernels of
           the suite (df K(n−1)); same BH and verdict rule.
  b-lmm    linear mixed model for the whole suite, one residual variance (what plain lme4 fits):
           log VM mean ~ kernel×workload (fixed) + VM (random intercept: one speed shared by all
           workloads of a VM) + residual. The data are balanced, so REML has a closed form (ANOVA
           strata; checked against statsmodels MixedLM REML: same σ_u, σ, estimates and SEs):
           MS_VM = W·Σ(VM mean over workloads − kernel mean)²/df_VM, df_VM = K(n−1); MS_E = within-VM
           residual mean square, df_E = K(n−1)(W−1). A contrast (variant − caponly at one workload)
           has variance (2/n)(MS_VM/W + (W−1)/W·MS_E) and Satterthwaite df (lmerTest's answer for
           this design; if MS_VM < MS_E, σ_u² = 0 and the pooled residual is used). Same BH and rule.
  b-het    the same mixed model with one residual variance per workload (nlme's
           varIdent(~1|workload)), fitted by REML: for balanced cell means this is the Wishart
           likelihood of the within-kernel VM residual vectors with Σ = diag(σ_w²) + σ_u²·11ᵀ,
           maximised with L-BFGS-B. Contrast variance (2/n)(σ_u² + σ_w²); Satterthwaite df
           2V²/Var(V̂) from the expected information of (σ_u², σ_1², …, σ_W²). Same BH and rule.
  b-vmadj  the suggested shortcut: subtract from each value the VM's speed = its mean deviation from
           the all-VM workload mean over the other W−1 workloads (leave one workload out), then a's
           Welch. Each adjusted value depends on its own VM only (the all-VM means cancel in the
           difference), so Welch's df need no reduction; but the estimand becomes the workload's
           effect minus the kernel's mean effect on the other workloads.
  c-gate   a's per-workload verdicts, but slower/faster only for a variant whose suite-wide gate
           rejects: permutation test over VMs (all C(2n, n) ways to label n of the 2n VMs of caponly
           + the variant "caponly"; statistic Σ over workloads of Welch t²; p = share of labellings at
           least as extreme, the observed one included), exact BH over the variants at 0.05. A variant
           the gate does not open gets inconclusive instead of slower/faster.

Evaluations printed:
  1. tcg-balanced (or --tcg FOLDER) and icount-balanced, truth = icount effects (ratio of geometric means of VM
     means): a slower (faster) discovery is false if the icount effect is ≤ +0.1 % (≥ −0.1 %).
     Also: how many of the icount slowdowns beyond +10 % are found, and (icount-balanced) how many
     of a's icount discoveries a method loses.
  2. A/A suites from real TCG VMs: each of the 32 VMs gives a residual vector (its 25 log workload
     values minus its kernel×workload mean, scaled by sqrt(n/(n−1)) so that its variance is not
     shrunk by the estimated mean; the cross-workload correlation is kept). A suite = 4 names
     (one baseline) × 4 rounds = 16 VM vectors drawn with replacement, restricted to 6 workloads
     (fixed: getppid read-small eventfd fstat open-close fork; or 6 drawn at random per suite).
     Reported: share of suites with any slower/faster (goal ≤ 1 in 20) and false calls per suite.
     Power: the same suites with +10 % planted on one cell (fixed: fstat; random: the first drawn
     workload) of one variant, and with +5 % on all 6 workloads of one variant (a kernel-wide
     slowdown): share found, and share of suites with a false call elsewhere.
  3. Full-size suites (8 kernels × 25 workloads × 4 rounds) of real TCG VM residual vectors drawn
     with replacement plus the icount effects as the true effects: discoveries, false ones (as in 1),
     share of suites with any false one, and the icount slowdowns beyond +10 % found.

Run time: about 50 s of one core (numpy/BLAS limited to one thread).

Usage (from the repository root; numpy and scipy, Debian: apt-get install python3-numpy python3-scipy):
  nice -n 19 python3 benchmarks/vm-effects.py [--suites 2000] [--full-suites 1000] [--seed 1]
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one core: small matrices, no thread spinning

import argparse
import collections
import json
import math
import time
from fractions import Fraction
from itertools import combinations

import numpy as np
from scipy import stats

THETA = 0.01
ALPHA = 0.05
BASELINE = "caponly"
ORDER = ["caponly", "stack", "apparmor", "selinux", "tomoyo", "landlock", "yama", "bpf"]
DEMO6 = ["getppid", "read-small", "eventfd", "fstat", "open-close", "fork"]
METHODS = ["a", "a-pooled", "b-lmm", "b-het", "b-vmadj", "c-gate"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def load(name):
    """Return (kernels, workloads, Y) with Y[k, v, w] = log of VM v's mean of workload w."""
    acc = collections.defaultdict(list)
    with open(os.path.join(ROOT, "docs", "lsm-cost", name, "lsm-cost.runs.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if r.get("phase") != "measurement" or r.get("error"):
                continue
            acc[(r["kernel"], r["vm"], r["workload"])].append(float(r["value"]))
    kernels = [k for k in ORDER if any(key[0] == k for key in acc)]
    workloads = sorted({key[2] for key in acc})
    vms = {k: sorted({key[1] for key in acc if key[0] == k}) for k in kernels}
    n = len(vms[kernels[0]])
    assert all(len(v) == n for v in vms.values()), "unbalanced"
    Y = np.empty((len(kernels), n, len(workloads)))
    for i, k in enumerate(kernels):
        for j, v in enumerate(vms[k]):
            for l, w in enumerate(workloads):
                Y[i, j, l] = math.log(np.mean(acc[(k, v, w)]))
    return kernels, workloads, Y


def bh(p):
    """Benjamini-Hochberg adjusted p-values of a flat array."""
    p = np.asarray(p, float)
    m = p.size
    order = np.argsort(p)
    q = p[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(q[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


def verdicts(d, se, df, allow=None):
    """d, se, df: arrays (K-1, W) of log-difference, its standard error and df. Returns codes
    +1 slower, -1 faster, 0 same, 2 inconclusive. allow: (K-1,) bools; False turns slower/faster
    into inconclusive."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, d / np.where(se > 0, se, 1), np.where(d == 0, 0.0, np.inf))
        p = 2 * stats.t.sf(np.abs(t), df)
        tq = stats.t.ppf(0.975, df)
    p = np.where(np.isnan(p), 1.0, p)
    q = bh(p.ravel()).reshape(p.shape)
    lo = np.expm1(d - tq * se)
    hi = np.expm1(d + tq * se)
    code = np.full(d.shape, 2)
    code[(lo > -THETA) & (hi < THETA)] = 0
    sig = q < ALPHA
    slower = sig & (lo > THETA)
    faster = sig & (hi < -THETA)
    if allow is not None:
        slower &= allow[:, None]
        faster &= allow[:, None]
    code[slower] = 1
    code[faster] = -1
    return code


def welch_parts(Y):
    """Welch for every variant vs Y[0]: d, se, df, each (K-1, W)."""
    n0 = Y.shape[1]
    m = Y.mean(axis=1)
    v = Y.var(axis=1, ddof=1)
    d = m[1:] - m[0]
    a, b = v[1:] / n0, v[0] / n0
    se = np.sqrt(a + b)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (a + b) ** 2 / (a ** 2 / (n0 - 1) + b ** 2 / (n0 - 1))
    df = np.where(np.isfinite(df), df, n0 - 1)
    return d, se, df


def method_a(Y):
    return verdicts(*welch_parts(Y))


def method_a_pooled(Y):
    """t-test per workload with the variance pooled over the VMs of all kernels (df K(n-1))."""
    K, n, W = Y.shape
    m = Y.mean(axis=1)
    v = Y.var(axis=1, ddof=1).mean(axis=0)          # (W,)
    d = m[1:] - m[0]
    se = np.broadcast_to(np.sqrt(2.0 / n * v), d.shape)
    return verdicts(d, se, np.full(d.shape, float(K * (n - 1))))


def method_b_vmadj(Y):
    """Welch on values minus the VM's speed, the speed being the VM's mean deviation from the
    all-VM workload mean over the other W-1 workloads (leave one workload out)."""
    K, n, W = Y.shape
    dev = Y - Y.mean(axis=(0, 1))
    speed = (dev.sum(axis=2, keepdims=True) - dev) / (W - 1)
    return verdicts(*welch_parts(Y - speed))


def lmm_strata(Y):
    K, n, W = Y.shape
    cell = Y.mean(axis=1)                      # (K, W)
    s = Y.mean(axis=2)                         # VM speed + kernel mean, (K, n)
    sk = s.mean(axis=1, keepdims=True)         # (K, 1)
    df_vm = K * (n - 1)
    df_e = K * (n - 1) * (W - 1)
    ms_vm = W * ((s - sk) ** 2).sum() / df_vm
    e = Y - cell[:, None, :] - (s - sk)[:, :, None]
    ss_w = (e ** 2).sum(axis=(0, 1))           # (W,)
    ms_e = ss_w.sum() / df_e
    return cell, ms_vm, ms_e, ss_w, df_vm, df_e


def method_b_lmm(Y):
    K, n, W = Y.shape
    cell, ms_vm, ms_e, _, df_vm, df_e = lmm_strata(Y)
    d = cell[1:] - cell[0]
    if ms_vm >= ms_e:
        a, b = ms_vm / W, (W - 1) / W * ms_e
        var = a + b
        df = var ** 2 / (a ** 2 / df_vm + b ** 2 / df_e)
    else:  # σ_u² = 0 at the boundary: one pooled residual
        var = (ms_vm * df_vm + ms_e * df_e) / (df_vm + df_e)
        df = df_vm + df_e
    se = np.full(d.shape, math.sqrt(2.0 / n * var))
    return verdicts(d, se, np.full(d.shape, df))


def fit_varident(R, df):
    """REML fit of Σ = diag(σ_w²) + σ_u²·11ᵀ to the within-kernel VM residual vectors R (m, W)
    (sample covariance S with df degrees of freedom; for balanced cell means this is the REML
    likelihood). Returns σ_w² (W,), σ_u², P = Σ⁻¹."""
    from scipy.optimize import minimize
    W = R.shape[1]
    S = R.T @ R / df
    diag = np.maximum(np.diag(S), 1e-30)
    scale = np.sqrt(diag)
    Sn = S / np.outer(scale, scale)  # work on the correlation-like scale; σ² rescaled at the end
    # Σn = Dn + s·ccᵀ with c = 1/scale (the shared term is common on the log scale)
    c = 1.0 / scale
    off = (Sn - np.diag(np.diag(Sn)))
    s0 = max(np.sum(off * np.outer(c, c)) / max(np.sum(np.outer(c, c)) - np.sum(c * c), 1e-300), 1e-8 / np.max(c * c))

    def parts(theta):
        d = np.exp(theta[:W])
        s = np.exp(theta[W])
        Sig = np.diag(d) + s * np.outer(c, c)
        return d, s, Sig

    def f(theta):
        d, s, Sig = parts(theta)
        L = np.linalg.cholesky(Sig)
        P = np.linalg.inv(Sig)
        val = 2 * np.log(np.diag(L)).sum() + np.trace(P @ Sn)
        G = P - P @ Sn @ P
        gd = np.diag(G) * d
        gs = c @ G @ c * s
        return val, np.concatenate([gd, [gs]])

    theta0 = np.concatenate([np.log(np.maximum(np.diag(Sn) - s0 * c * c, 0.05)), [np.log(s0)]])
    bounds = [(-30, 5)] * W + [(math.log(1e-12 / np.max(c * c)), math.log(10.0 / np.min(c * c)))]
    res = minimize(f, theta0, jac=True, method="L-BFGS-B", bounds=bounds)
    d, s, _ = parts(res.x)
    sw2 = d * diag              # back to the log scale: Σ = scale·Σn·scale
    su2 = s                     # s·c_w·c_w·scale_w² = s
    Sig = np.diag(sw2) + su2 * np.ones((W, W))
    return sw2, su2, np.linalg.inv(Sig)


def method_b_het(Y):
    K, n, W = Y.shape
    cell = Y.mean(axis=1)
    R = (Y - cell[:, None, :]).reshape(K * n, W)
    df = K * (n - 1)
    sw2, su2, P = fit_varident(R, df)
    d = cell[1:] - cell[0]
    V = su2 + sw2                                       # variance of one VM's value, (W,)
    # expected information of (σ_u², σ_1², …, σ_W²) and Satterthwaite df of each V_w
    one = np.ones(W)
    P1 = P @ one
    I = np.empty((W + 1, W + 1))
    I[0, 0] = (one @ P1) ** 2
    I[0, 1:] = I[1:, 0] = P1 ** 2
    I[1:, 1:] = P ** 2
    I *= df / 2.0
    Iinv = np.linalg.pinv(I)
    G = np.concatenate([np.ones((W, 1)), np.eye(W)], axis=1)  # ∂V_w/∂params
    varV = np.einsum("ij,jk,ik->i", G, Iinv, G)
    dfs = np.clip(2 * V ** 2 / np.maximum(varV, 1e-300), 1.0, float(df * W))
    se = np.sqrt(2.0 / n * V)
    return verdicts(d, np.broadcast_to(se, d.shape), np.broadcast_to(dfs, d.shape))


_LABELS = {}


def labellings(n):
    """All ways to pick which n of 2n VMs are the baseline: bool array (C(2n,n), 2n)."""
    if n not in _LABELS:
        rows = []
        for c in combinations(range(2 * n), n):
            r = np.zeros(2 * n, bool)
            r[list(c)] = True
            rows.append(r)
        _LABELS[n] = np.array(rows)
    return _LABELS[n]


def gate_p(Y):
    """Permutation p per variant (Fractions): statistic Σ_w Welch t² over the 2n VMs."""
    K, n, W = Y.shape
    L = labellings(n)
    out = []
    for k in range(1, K):
        Z = np.concatenate([Y[0], Y[k]])             # (2n, W); first n are caponly
        A = Z[None, :, :][np.zeros(len(L), int)]     # (P, 2n, W)
        base = A[L].reshape(len(L), n, W)
        other = A[~L].reshape(len(L), n, W)
        se2 = base.var(axis=1, ddof=1) / n + other.var(axis=1, ddof=1) / n
        diff = other.mean(axis=1) - base.mean(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            t2 = np.where(se2 > 0, diff ** 2 / np.where(se2 > 0, se2, 1), 0.0)
        T = t2.sum(axis=1)
        obs = T[0]  # combinations() starts with the first n indices: the observed labelling
        out.append(Fraction(int((T >= obs * (1 - 1e-12)).sum()), len(L)))
    return out


def bh_reject(pfracs, alpha=Fraction(1, 20)):
    """Exact BH step-up on Fractions; returns bool list."""
    m = len(pfracs)
    order = sorted(range(m), key=lambda i: pfracs[i])
    kmax = 0
    for rank, i in enumerate(order, 1):
        if pfracs[i] <= alpha * rank / m:
            kmax = rank
    rej = [False] * m
    for rank, i in enumerate(order, 1):
        rej[i] = rank <= kmax
    return rej


def method_c(Y):
    allow = np.array(bh_reject(gate_p(Y)))
    return verdicts(*welch_parts(Y), allow=allow)


RUN = {"a": method_a, "a-pooled": method_a_pooled, "b-lmm": method_b_lmm, "b-het": method_b_het,
       "b-vmadj": method_b_vmadj, "c-gate": method_c}


def effects(Y):
    m = Y.mean(axis=1)
    return np.expm1(m[1:] - m[0])


def pct(x):
    return f"{100 * x:+.1f}%"


def real_data(tcg="tcg-balanced"):
    kt, wt, Yt = load(tcg)
    ki, wi, Yi = load("icount-balanced")
    assert kt == ki and wt == wi
    truth = effects(Yi)
    big = truth > 0.10
    print("## 1. Real suites against icount truth")
    print()
    print(f"icount slowdowns beyond +10 %: {int(big.sum())} kernel/workload pairs. "
          "A discovery is false if the icount effect is within ±0.1 % or of the opposite sign.")
    print()
    ref_i = method_a(Yi)
    print("| method | data | slower | faster | false (slower/faster) | icount >+10 % found | icount-a discoveries lost |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    detail = {}
    for name in METHODS:
        for label, Y in ((tcg, Yt), ("icount-balanced", Yi)):
            code = RUN[name](Y)
            sl, fa = code == 1, code == -1
            false_sl = sl & (truth <= 0.001)
            false_fa = fa & (truth >= -0.001)
            found_big = int((sl & big).sum())
            lost = int(((ref_i == 1) | (ref_i == -1)).sum() - (((ref_i == 1) & sl) | ((ref_i == -1) & fa)).sum())
            print(f"| {name} | {label} | {int(sl.sum())} | {int(fa.sum())} | "
                  f"{int(false_sl.sum())}/{int(false_fa.sum())} | {found_big} of {int(big.sum())} | "
                  f"{lost if label == 'icount-balanced' else ''} |")
            if label == tcg:
                detail[name] = code
    print()
    print(f"{tcg} discoveries (tcg effect, icount effect; * = false):")
    eff_t = effects(Yt)
    for name in METHODS:
        code = detail[name]
        items = []
        for k in range(code.shape[0]):
            for w in range(code.shape[1]):
                if code[k, w] in (1, -1):
                    bad = (code[k, w] == 1 and truth[k, w] <= 0.001) or (code[k, w] == -1 and truth[k, w] >= -0.001)
                    items.append(f"{kt[k + 1]}/{wt[w]} {pct(eff_t[k, w])} ({pct(truth[k, w])}){'*' if bad else ''}")
        print(f"- {name}: " + ("; ".join(items) if items else "none"))
    gp = gate_p(Yt)
    gi = gate_p(Yi)
    print()
    print("gate p (permutation, Σ Welch t², all labellings) per variant, " + tcg + ": " +
          ", ".join(f"{kt[k + 1]} {float(p):.4f}" for k, p in enumerate(gp)) +
          f"; opened after BH over {len(gp)}: " + ", ".join(kt[k + 1] for k, r in enumerate(bh_reject(gp)) if r))
    print("gate p, icount-balanced: " + ", ".join(f"{ki[k + 1]} {float(p):.4f}" for k, p in enumerate(gi)) +
          f"; opened: " + ", ".join(ki[k + 1] for k, r in enumerate(bh_reject(gi)) if r))
    cell, ms_vm, ms_e, _, df_vm, df_e = lmm_strata(Yt)
    W = Yt.shape[2]
    print(f"b-lmm strata, {tcg}: σ_u (VM speed sd) = {math.sqrt(max(ms_vm - ms_e, 0) / W):.4f}, "
          f"σ (residual sd) = {math.sqrt(ms_e):.4f} (log scale), df_VM = {df_vm}, df_E = {df_e}")
    print()
    return Yt, wt, Yi


def aa(Yt, workloads, suites, seed):
    K, n, W = Yt.shape
    R = Yt - Yt.mean(axis=1, keepdims=True)
    R = (R * math.sqrt(n / (n - 1))).reshape(K * n, W)  # 32 real VM residual vectors
    fixed = [workloads.index(w) for w in DEMO6]
    rng = np.random.default_rng(seed)
    names, rounds, six = 4, 4, 6
    print(f"## 2. A/A suites from {K * n} real TCG VM residual vectors: {names} names × {six} workloads × "
          f"{rounds} rounds, {suites} suites per row, seed {seed}")
    print()
    print("| method | workloads | A/A: suites with any slower/faster | A/A: false calls per suite | "
          "+10 % on one cell: found | same suites: any false call elsewhere | "
          "+5 % on all 6 of one variant: found per cell | same suites: any false call in the other variants |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mode in ("fixed", "random"):
        draws = []
        for _ in range(suites):
            vms = rng.integers(0, K * n, size=names * rounds)
            cols = np.array(fixed) if mode == "fixed" else rng.choice(W, size=six, replace=False)
            draws.append(R[vms][:, cols].reshape(names, rounds, six))
        for name in METHODS:
            anyfalse = nfalse = hit10 = else10 = hit5 = else5 = 0
            for Y in draws:
                code = RUN[name](Y)
                bad = (code == 1) | (code == -1)
                anyfalse += bool(bad.any())
                nfalse += int(bad.sum())
                # planted cell: fstat in fixed mode (column 3), the first drawn column in random mode
                col = 3 if mode == "fixed" else 0
                Y1 = Y.copy()
                Y1[1, :, col] += math.log(1.10)
                c1 = RUN[name](Y1)
                hit10 += int(c1[0, col] == 1)
                b1 = (c1 == 1) | (c1 == -1)
                b1[0, col] = False
                else10 += bool(b1.any())
                Y2 = Y.copy()
                Y2[1] += math.log(1.05)
                c2 = RUN[name](Y2)
                hit5 += int((c2[0] == 1).sum())
                else5 += bool(((c2[1:] == 1) | (c2[1:] == -1)).any())
            print(f"| {name} | {mode} 6 | {anyfalse / suites:.3f} | {nfalse / suites:.3f} | "
                  f"{hit10 / suites:.3f} | {else10 / suites:.3f} | {hit5 / (suites * six):.3f} | {else5 / suites:.3f} |")
    print()


def full(Yt, Yi, suites, seed):
    """Full-size suites (8 kernels × 25 workloads × 4 rounds) from 32 real TCG VM residual vectors
    drawn with replacement, plus the icount effects as the true kernel×workload effects."""
    K, n, W = Yt.shape
    R = Yt - Yt.mean(axis=1, keepdims=True)
    R = (R * math.sqrt(n / (n - 1))).reshape(K * n, W)
    truth = effects(Yi)
    shift = np.concatenate([np.zeros((1, W)), np.log1p(truth)])[:, None, :]
    null = np.abs(truth) <= 0.001
    big = truth > 0.10
    rng = np.random.default_rng(seed + 1)
    draws = [R[rng.integers(0, K * n, size=K * n)].reshape(K, n, W) + shift for _ in range(suites)]
    print(f"## 3. Full suites from the {K * n} real TCG VM residual vectors ({K} kernels × {W} workloads × "
          f"{n} rounds, VMs drawn with replacement) plus the icount effects, {suites} suites, seed {seed + 1}")
    print()
    print(f"Cells: {int(null.sum())} with icount effect within ±0.1 %, {int(big.sum())} beyond +10 %.")
    print()
    print("| method | discoveries per suite | false per suite | suites with any false | "
          "false share of all discoveries | icount >+10 % found per suite |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in METHODS:
        disc = fals = anyf = found = 0
        for Y in draws:
            code = RUN[name](Y)
            sl, fa = code == 1, code == -1
            bad = (sl & (truth <= 0.001)) | (fa & (truth >= -0.001))
            disc += int((sl | fa).sum())
            fals += int(bad.sum())
            anyf += bool(bad.any())
            found += int((sl & big).sum())
        share = fals / disc if disc else 0.0
        print(f"| {name} | {disc / suites:.2f} | {fals / suites:.2f} | {anyf / suites:.3f} | {share:.3f} | "
              f"{found / suites:.2f} of {int(big.sum())} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suites", type=int, default=2000)
    ap.add_argument("--full-suites", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tcg", default="tcg-balanced", help="the TCG result folder under docs/lsm-cost (4 rounds a kernel)")
    args = ap.parse_args()
    t0 = time.process_time()
    Yt, wt, Yi = real_data(args.tcg)
    aa(Yt, wt, args.suites, args.seed)
    full(Yt, Yi, args.full_suites, args.seed)
    print(f"CPU time: {time.process_time() - t0:.1f} s")


if __name__ == "__main__":
    main()
