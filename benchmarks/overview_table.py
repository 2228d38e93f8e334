"""The overview table of an lsm-cost result (the "| workload | stack | ..." table at the top of
OUT/lsm-cost.comparison.md, or of the Markdown kbench report writes), shared by the scripts that
compare results cell by cell (compare-verdicts.py, tcg-against-icount.py).
Python 3 standard library only.
"""
import os


def cells(path):
    """{(workload, variant): the cell's text} of the first overview table in PATH, a result folder
    (its lsm-cost.comparison.md) or a Markdown file."""
    if os.path.isdir(path):
        path = os.path.join(path, "lsm-cost.comparison.md")
    table = {}
    header = None
    with open(path) as lines:
        for line in lines:
            if line.startswith("| workload |"):
                header = [c.strip() for c in line.strip().strip("|").split("|")]
                continue
            if header is None:
                continue
            if not line.startswith("|"):
                break
            row = [c.strip() for c in line.strip().strip("|").split("|")]
            if row[0].startswith("---"):
                continue
            for variant, cell in zip(header[1:], row[1:]):
                table[(row[0], variant)] = cell
    return table
