#!/usr/bin/env python3
"""The harness-noise figure as a picture (docs/statistics.md, "Harness noise").

One panel per runs.csv that benchmarks/harness-noise.sh wrote: the distribution (ECDF) of the
per-boot CV of the measured runs (the first run of each boot left out), through the agent and as
PID 1. A curve to the right spreads more. Plain SVG, no plotting library needed.

    benchmarks/harness-noise-plot.py OUT.svg TITLE=RUNS.csv [TITLE=RUNS.csv ...]
"""
import csv
import statistics
import sys
from collections import defaultdict

W, H, PAD = 420, 300, 50
COLOURS = {"agent": "#d62728", "pid1": "#1f77b4"}
NAMES = {"agent": "through the agent", "pid1": "as PID 1, no agent"}


def per_boot_cvs(path):
    runs = defaultdict(list)
    with open(path) as f:
        for row in csv.DictReader(f):
            runs[(int(row["pair"]), row["side"])].append(int(row["ns"]))
    cvs = defaultdict(list)
    for (_, side), values in runs.items():
        measured = values[1:]
        cvs[side].append(statistics.stdev(measured) / statistics.mean(measured) * 100)
    return cvs


def panel(x0, title, cvs, top):
    out = [f'<text x="{x0 + W / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    sx = lambda v: x0 + PAD + (W - PAD - 10) * v / top
    sy = lambda q: H - PAD - (H - PAD - 30) * q
    out.append(f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(top)}" y2="{sy(0)}" stroke="black"/>')
    out.append(f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(0)}" y2="{sy(1)}" stroke="black"/>')
    for tick in range(0, int(top) + 1, 5):
        out.append(f'<text x="{sx(tick)}" y="{sy(0) + 16}" text-anchor="middle" font-size="11">{tick}</text>')
    for q in (0, 0.5, 1):
        out.append(f'<text x="{sx(0) - 6}" y="{sy(q) + 4}" text-anchor="end" font-size="11">{q:g}</text>')
    out.append(f'<text x="{sx(top / 2)}" y="{H - 12}" text-anchor="middle" font-size="12">per-boot CV of the runs (%)</text>')
    out.append(f'<text transform="translate({x0 + 14},{sy(0.5)}) rotate(-90)" text-anchor="middle" font-size="12">share of boots</text>')
    for i, side in enumerate(("agent", "pid1")):
        values = sorted(cvs[side])
        points = [f"{sx(0)},{sy(0)}"]
        for k, v in enumerate(values):
            points += [f"{sx(min(v, top))},{sy(k / len(values))}", f"{sx(min(v, top))},{sy((k + 1) / len(values))}"]
        out.append(f'<polyline fill="none" stroke="{COLOURS[side]}" stroke-width="1.5" points="{" ".join(points)}"/>')
        mean = statistics.mean(values)
        out.append(f'<text x="{sx(top) - 4}" y="{sy(0.3 - 0.08 * i)}" text-anchor="end" font-size="11" fill="{COLOURS[side]}">'
                   f'{NAMES[side]}: mean {mean:.2f} %, {len(values)} boots</text>')
    return out


def main():
    target, panels = sys.argv[1], [arg.split("=", 1) for arg in sys.argv[2:]]
    data = [(title, per_boot_cvs(path)) for title, path in panels]
    top = max(5, min(25, max(max(v) for _, cvs in data for v in cvs.values())))
    body = []
    for i, (title, cvs) in enumerate(data):
        body += panel(i * W, title, cvs, top)
    with open(target, "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W * len(data)}" height="{H}" font-family="sans-serif">\n'
                f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


if __name__ == "__main__":
    main()
