#!/usr/bin/python3
"""
Times sklearn.metrics.roc_auc_score on the data auc_bench wrote:
PREFIX.y (uint8 labels) and PREFIX.s (float64 scores), read with
np.fromfile.  Prints "milliseconds auc" (best of a few runs; one at 10^7).

    /usr/bin/python3 bench/sklearn_auc.py PREFIX
"""
import sys
import time

import numpy as np
from sklearn.metrics import roc_auc_score


def main():
    y = np.fromfile(sys.argv[1] + ".y", dtype=np.uint8)
    s = np.fromfile(sys.argv[1] + ".s", dtype=np.float64)
    runs = 1 if len(y) >= 10_000_000 else 3
    best, auc = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        auc = roc_auc_score(y, s)
        best = min(best, time.perf_counter() - t)
    print("%.3f %.17g" % (best * 1e3, auc))


if __name__ == "__main__":
    main()
