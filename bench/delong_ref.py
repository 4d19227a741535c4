#!/usr/bin/python3
"""
An independent DeLong reference, for the constants in tests/unit/test_auc.c.

It follows DeLong, DeLong & Clarke-Pearson (1988) literally, with the
pairwise kernel psi(x, y) = 1 if x > y, 1/2 if x == y, 0 otherwise, and
numpy's covariance; it shares no code or formulation with grader/lib/auc.c
(which uses midranks and exact integer sums).

    /usr/bin/python3 bench/delong_ref.py fixtures/asah.csv
"""
import sys
import numpy as np
from math import erfc, sqrt


def components(y, s):
    pos, neg = s[y == 1], s[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    return psi.mean(axis=1), psi.mean(axis=0)   # V10 per positive, V01 per negative


def delong(y, models):
    v10 = np.array([components(y, s)[0] for s in models])
    v01 = np.array([components(y, s)[1] for s in models])
    auc = v10.mean(axis=1)
    s = np.cov(v10) / v10.shape[1] + np.cov(v01) / v01.shape[1]
    return auc, np.atleast_2d(s)


def main():
    data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
    y = data[:, 0].astype(int)
    cols = {"s100b": data[:, 1], "wfns": data[:, 2], "ndka": data[:, 3]}
    for a, b in (("s100b", "ndka"), ("s100b", "wfns")):
        auc, s = delong(y, [cols[a], cols[b]])
        var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
        z = (auc[0] - auc[1]) / sqrt(var)
        print("%s vs %s: auc %.17g %.17g var %.17g %.17g z %.17g p %.17g"
              % (a, b, auc[0], auc[1], s[0, 0], s[1, 1], z,
                 erfc(abs(z) / sqrt(2))))


if __name__ == "__main__":
    main()
