"""What the benchmark scripts that read run logs share (small-samples.py, sequential-rounds.py,
calibration.py, duet.py, futility.py, run-spread.py): the measured runs of a run log, the
committed results' log round means, their pooled residuals, and Student's t without SciPy.
Python 3 standard library only.
"""
import json
import math
import os


def incomplete_beta(a, b, x):
    """The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - incomplete_beta(b, a, 1 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)) / a
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 300):
        # the even step, then the odd step, of the fraction's terms
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1) < 1e-12:
            break
    return front * fraction


def two_sided_p(t, df):
    """P(|T_df| > |t|) for Student's t with (possibly fractional) df."""
    return incomplete_beta(df / 2, 0.5, df / (df + t * t))


def t_quantile(probability, df):
    """The t such that P(T_df <= t) = probability (above 0.5), by bisection on two_sided_p."""
    target = 2 * (1 - probability)
    low, high = 0.0, 1.0
    while two_sided_p(high, df) > target:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if two_sided_p(middle, df) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def measured_runs(path):
    """The measured runs of a kbench run log (OUT.runs.jsonl): each run's record, those with a value."""
    with open(path) as log:
        for line in log:
            record = json.loads(line)
            if record.get("phase") == "measurement" and record.get("value"):
                yield record


def mean(xs):
    return sum(xs) / len(xs)


def read(folder):
    """(baseline kernel, {workload: {kernel: [log round means]}}) of one result folder."""
    with open(os.path.join(folder, "lsm-cost.json")) as f:
        results = json.load(f)
    data = {}
    for result in results:
        kernel = result["params"]["kernel"]
        for name, metric in result["secondaryMetrics"].items():
            if not name.startswith("workloadOutput"):
                continue
            workload = name.split(":", 1)[1] if ":" in name else result["params"]["workload"]
            means = [mean(fork) for fork in metric["rawData"] if fork]
            if all(m > 0 for m in means):
                data.setdefault(workload, {})[kernel] = [math.log(m) for m in means]
    return results[0]["params"]["kernel"], data


def residuals(kernels):
    """Every kernel's log round means centred on its own mean, scaled back to the spread of one round."""
    pooled = []
    for logs in kernels.values():
        if len(logs) < 2:
            continue
        m, k = mean(logs), len(logs)
        pooled.extend((x - m) * math.sqrt(k / (k - 1)) for x in logs)
    return pooled
