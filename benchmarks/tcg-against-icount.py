#!/usr/bin/env python3
"""A TCG lsm-cost result judged cell by cell against an icount one taken as the truth: every TCG
discovery (slower or faster) and whether icount contradicts it, and whether the slowdowns icount
confirms beyond 10 % were found.

A discovery is contradicted when the icount effect of its cell is within +/-0.1 % or of the other
sign (icount repeats to within 0.01 %, so a kernel change that icount does not see at all cannot
have made TCG's time move). "Confirmed beyond 10 %": icount says slower and its effect is > +10 %.

Input: each folder's lsm-cost.comparison.md (the overview table kbench lsm-cost writes), or any
Markdown with that table given as a file.
Usage: benchmarks/tcg-against-icount.py ICOUNT-FOLDER-OR-MD TCG-FOLDER-OR-MD
Python 3 standard library only.
"""
import re
import sys

import overview_table

CELL = re.compile(r"([+-]?\d+(?:\.\d+)?)%\s*\**\s*(slower|faster|same|inconclusive)")


def cells(path):
    out = {}
    for key, cell in overview_table.cells(path).items():
        found = CELL.search(cell.replace("**", ""))
        if found:
            out[key] = (float(found.group(1)), found.group(2))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    icount, tcg = cells(sys.argv[1]), cells(sys.argv[2])
    common = sorted(set(icount) & set(tcg))
    discoveries = [c for c in common if tcg[c][1] in ("slower", "faster")]
    contradicted = [c for c in discoveries
                    if abs(icount[c][0]) <= 0.1 or (tcg[c][1] == "slower") != (icount[c][0] > 0)]
    big = [c for c in common if icount[c][1] == "slower" and icount[c][0] > 10]
    found = [c for c in big if tcg[c][1] == "slower"]
    print(f"cells: {len(common)}; TCG discoveries: {len(discoveries)}, contradicted by icount: {len(contradicted)}"
          + (f" ({100 * len(contradicted) / len(discoveries):.0f} %)" if discoveries else ""))
    for c in discoveries:
        mark = " CONTRADICTED" if c in contradicted else ""
        print(f"  {c[0]} / {c[1]}: TCG {tcg[c][0]:+.2f} % {tcg[c][1]}, icount {icount[c][0]:+.2f} % {icount[c][1]}{mark}")
    print(f"icount slowdowns confirmed beyond +10 %: {len(big)}; found by TCG: {len(found)}")
    for c in big:
        print(f"  {c[0]} / {c[1]}: icount {icount[c][0]:+.1f} %, TCG {tcg[c][0]:+.1f} % {tcg[c][1]}")


if __name__ == "__main__":
    main()
