#!/usr/bin/env python3
"""Two lsm-cost results compared cell by cell: the verdict of every workload and variant in the
overview table of each OUT/lsm-cost.comparison.md, the first taken as the reference.

Prints how many cells each decided (slower, faster or same), the contradictions (a slower or
faster in one that is same in the other, or slower in one and faster in the other), the cells the
reference decided and the other left inconclusive (and the reverse), and lists every cell that
differs.

Usage: benchmarks/compare-verdicts.py REFERENCE-FOLDER OTHER-FOLDER
Python 3 standard library only.
"""
import re
import sys

import overview_table

WORD = re.compile(r"(slower|faster|same|inconclusive)")


def verdicts(folder):
    cells = {}
    for key, cell in overview_table.cells(folder).items():
        found = WORD.search(cell)
        cells[key] = found.group(1) if found else "?"
    return cells


def main():
    reference, other = verdicts(sys.argv[1]), verdicts(sys.argv[2])
    decided = ("slower", "faster", "same")
    both = sorted(set(reference) & set(other))
    contradictions = [c for c in both if reference[c] in decided and other[c] in decided and reference[c] != other[c]]
    lost = [c for c in both if reference[c] in decided and other[c] == "inconclusive"]
    gained = [c for c in both if reference[c] == "inconclusive" and other[c] in decided]
    ref_decided = sum(1 for c in both if reference[c] in decided)
    print(f"cells: {len(both)}; decided: {ref_decided} in {sys.argv[1]}, {sum(1 for c in both if other[c] in decided)} in {sys.argv[2]}")
    print(f"contradictions (slower/faster against same, or slower against faster): {len(contradictions)}")
    print(f"decided in the first, inconclusive in the second: {len(lost)} ({100.0 * len(lost) / max(ref_decided, 1):.1f} % of the first's decided)")
    print(f"inconclusive in the first, decided in the second: {len(gained)}")
    for cell in both:
        if reference[cell] != other[cell]:
            print(f"  {cell[0]} / {cell[1]}: {reference[cell]} -> {other[cell]}")


if __name__ == "__main__":
    main()
