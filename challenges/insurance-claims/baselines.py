#!/usr/bin/python3
"""Baselines for the insurance-claims challenge, measured on the holdout.

For the hiring team (never sent to candidates).  Reads the data that
`make challenge-data` writes (data/train.csv, data/test.csv and
data/holdout.csv in this folder), fits the models below and prints their
ROC AUC on the holdout:

  (a) logistic regression on the raw numeric columns
  (b) gradient boosting on the raw columns, without the leaky column
  (c) the same with the leaky column, claim_settlement_days
  (d) tuned gradient boosting with modest feature engineering

and checks that (a) < 0.80 <= (d) and (c) < (b) (exit 1 otherwise).

  --write-examples  also writes submissions made from these models'
                    predictions on test.csv: fixtures/models/{strong,weak}.zip
                    at the repository's root, and this folder's examples/
                    (strong, weak, leaky-column, missing-writeup, sends-data,
                    invalid, and expected.json).  Deterministic: fixed zip
                    dates, sorted entries, fixed random_state.
  --out DIR         writes those under DIR instead of the repository's root
                    (to look at them before they replace the committed ones).
  --tune            prints the cross-validated AUC of (d)'s small grid.

    /usr/bin/python3 challenges/insurance-claims/baselines.py [--write-examples]

Debian's Python 3 with scikit-learn, numpy and pandas.
"""
import argparse
import os
import re
import sys
import zipfile

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASS_AUC = 0.80

# --- model code begins ---
# The code between these markers is copied whole into the model.py of each
# submission that --write-examples makes, so that a submission's code is the
# code that made its results.
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

NUMERIC = ["vehicle_year", "vehicle_value", "vehicle_power_hp",
           "annual_mileage", "named_drivers", "prior_claims",
           "credit_score", "excess", "annual_premium"]
CATEGORICAL = ["marital_status", "occupation", "region", "area_type",
               "vehicle_type", "vehicle_use", "security_device", "garage",
               "previous_insurer", "channel", "payment_frequency"]
LEAKY = "claim_settlement_days"


def read_data(folder):
    """train.csv and test.csv as pandas reads them."""
    train = pd.read_csv(os.path.join(folder, "train.csv"))
    test = pd.read_csv(os.path.join(folder, "test.csv"))
    return train, test


def write_results(path, p):
    """One probability a line, no header, every digit (repr)."""
    with open(path, "w") as f:
        f.writelines(repr(float(v)) + "\n" for v in p)


def logistic_raw(train, test, with_leaky=False):
    """Logistic regression on the raw numeric columns: median imputation,
    scaling, nothing else."""
    cols = NUMERIC + ([LEAKY] if with_leaky else [])
    model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                          LogisticRegression(max_iter=1000))
    model.fit(train[cols], train["y"])
    return model.predict_proba(test[cols])[:, 1]


def shallow_tree(train, test):
    """A depth-3 decision tree on the raw numeric columns."""
    model = make_pipeline(SimpleImputer(strategy="median"),
                          DecisionTreeClassifier(max_depth=3, random_state=0))
    model.fit(train[NUMERIC], train["y"])
    return model.predict_proba(test[NUMERIC])[:, 1]


def encode_categories(train, test, columns):
    """Categories as integer codes learnt on train; a blank is a category
    of its own, and a value unseen in train becomes NaN."""
    train, test = train.copy(), test.copy()
    for c in columns:
        levels = sorted(train[c].fillna("(blank)").unique())
        code = {v: i for i, v in enumerate(levels)}
        train[c] = train[c].fillna("(blank)").map(code).astype(float)
        test[c] = test[c].fillna("(blank)").map(code).astype(float)
    return train, test


def boosting_raw(train, test, with_leaky=False):
    """Gradient boosting with default settings on the raw numeric and
    categorical columns (dates, codes and the id left out), optionally
    with claim_settlement_days."""
    numeric = NUMERIC + ([LEAKY] if with_leaky else [])
    cols = numeric + CATEGORICAL
    train, test = encode_categories(train, test, CATEGORICAL)
    model = HistGradientBoostingClassifier(
        categorical_features=[c in CATEGORICAL for c in cols],
        early_stopping=False, random_state=0)
    model.fit(train[cols], train["y"])
    return model.predict_proba(test[cols])[:, 1]


def engineer(df):
    """Modest feature engineering: ages and durations from the dates, the
    parts of the codes, flags for the blanks that mean something."""
    ref = pd.Timestamp("2024-01-01")
    out = df.copy()

    def years_since(col):
        return (ref - pd.to_datetime(df[col])).dt.days / 365.25

    out["age"] = years_since("birth_date")
    out["years_licensed"] = years_since("licence_date")
    out["licence_age"] = out["age"] - out["years_licensed"]
    out["tenure"] = years_since("policy_start_date")
    out["years_since_claim"] = years_since("last_claim_date")
    out["postcode_area"] = df["postcode"].str.extract(r"^([A-Z]+)")[0]
    out["agent_branch"] = df["agent_code"].str.slice(3, 5)
    out["make"] = df["vehicle_model"].str.slice(0, 2)
    out["model"] = df["vehicle_model"].str.slice(0, -3)
    out["engine_litres"] = df["vehicle_model"].str.slice(-2).astype(float) / 10
    out["vehicle_age"] = 2024 - df["vehicle_year"]
    out["garage_declined"] = df["garage"].isna().astype(float)
    out["no_previous_insurer"] = df["previous_insurer"].isna().astype(float)
    out["young_power"] = np.where(out["age"] < 26, df["vehicle_power_hp"], 0)
    return out


FE_NUMERIC = NUMERIC + ["age", "years_licensed", "licence_age", "tenure",
                        "years_since_claim", "engine_litres", "vehicle_age",
                        "garage_declined", "no_previous_insurer",
                        "young_power"]
FE_CATEGORICAL = CATEGORICAL + ["postcode_area", "agent_branch", "make",
                                "model"]

# Chosen by 5-fold cross-validation on train.csv (baselines.py --tune).
TUNED = dict(learning_rate=0.04, max_iter=500, max_leaf_nodes=4,
             min_samples_leaf=60, l2_regularization=1.0)


def boosting_engineered(train, test, with_leaky=False, params=None):
    """Tuned gradient boosting on the engineered features, the categories
    (postcode area, agent branch, make and model included) handled
    natively."""
    train, test = engineer(train), engineer(test)
    numeric = FE_NUMERIC + ([LEAKY] if with_leaky else [])
    cols = numeric + FE_CATEGORICAL
    train, test = encode_categories(train, test, FE_CATEGORICAL)
    model = HistGradientBoostingClassifier(
        categorical_features=[c in FE_CATEGORICAL for c in cols],
        early_stopping=False, random_state=0, **(params or TUNED))
    model.fit(train[cols], train["y"])
    return model.predict_proba(test[cols])[:, 1]
# --- model code ends ---


def model_code():
    """The text between the markers above."""
    with open(os.path.abspath(__file__)) as f:
        text = f.read()
    begin = text.index("# --- model code begins ---\n")
    end = text.index("# --- model code ends ---\n")
    body = text[begin:end].split("\n", 1)[1]
    body = re.sub(r"\A(# .*\n)+", "", body)
    return body


def read_holdout(folder):
    return pd.read_csv(os.path.join(folder, "holdout.csv"))["y"].to_numpy()


def tune(train):
    """(d)'s grid: 5-fold cross-validated AUC on train.csv, each line."""
    grid = [dict(learning_rate=lr, max_iter=it, max_leaf_nodes=leaves,
                 min_samples_leaf=60, l2_regularization=1.0)
            for lr, it in ((0.04, 500), (0.08, 250), (0.02, 1000))
            for leaves in (4, 7, 15)]
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for params in grid:
        aucs = []
        for fit, val in folds.split(train, train["y"]):
            p = boosting_engineered(train.iloc[fit], train.iloc[val],
                                    params=params)
            aucs.append(roc_auc_score(train["y"].iloc[val], p))
        print("%.4f  %s" % (np.mean(aucs), params), flush=True)


# (key, what, function, keyword arguments) of every model measured.
MODELS = [
    ("a", "logistic regression, raw numeric columns", logistic_raw, {}),
    ("b", "gradient boosting, raw columns, no leaky column", boosting_raw, {}),
    ("c", "gradient boosting, raw columns + claim_settlement_days",
     boosting_raw, {"with_leaky": True}),
    ("d", "tuned gradient boosting, feature engineering",
     boosting_engineered, {}),
    ("e", "tuned gradient boosting, feature engineering + "
     "claim_settlement_days", boosting_engineered, {"with_leaky": True}),
    ("f", "decision tree of depth 3, raw numeric columns", shallow_tree, {}),
    ("g", "logistic regression, raw numeric columns + "
     "claim_settlement_days", logistic_raw, {"with_leaky": True}),
]


def measure(train, test, y):
    """Each model's predictions on test.csv and its holdout AUC."""
    preds, aucs = {}, {}
    print("| | model | holdout AUC |")
    print("|---|---|---|")
    for key, what, fn, kw in MODELS:
        preds[key] = fn(train, test, **kw)
        aucs[key] = roc_auc_score(y, preds[key])
        print("| (%s) | %s | %.4f |" % (key, what, aucs[key]), flush=True)
    return preds, aucs


def check(aucs):
    ok = True
    for cond, text in ((aucs["a"] < PASS_AUC, "(a) below 0.80"),
                       (aucs["d"] >= PASS_AUC, "(d) at or above 0.80"),
                       (aucs["c"] < aucs["b"], "(c) below (b)")):
        print("%s %s" % ("ok  " if cond else "FAIL", text))
        ok = ok and cond
    return ok


def validation_aucs(train):
    """AUCs on a fifth of train.csv held out, as a candidate measures."""
    fit, val = train_test_split(train, test_size=0.2, random_state=0,
                                stratify=train["y"])
    out = {}
    for key, _, fn, kw in MODELS:
        if key in "abcdfg":
            out[key] = roc_auc_score(val["y"], fn(fit, val, **kw))
    return out


# ------------------------------------------------------------ submissions --

STAMP = (2024, 1, 1, 0, 0, 0)


def zip_bytes_write(path, files):
    """A deterministic zip of {name: bytes}: sorted names, fixed dates and
    modes, deflated."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            z.writestr(info, files[name], compresslevel=9)


def results_text(p):
    return "".join(repr(float(v)) + "\n" for v in p).encode()


def pandas_default_text(p):
    """What pd.Series(p).to_csv("results1.csv") writes: an index column
    and a header."""
    return pd.Series(p).to_csv().encode()


def script(main_lines):
    head = ('"""Two models for the insurance-claims challenge.\n\n'
            'Run beside train.csv and test.csv: python3 model.py\n"""\n'
            "import os\n\nimport numpy as np\nimport pandas as pd\n")
    return (head + model_code() + "\n\nif __name__ == \"__main__\":\n" +
            "".join("    " + line + "\n" for line in main_lines)).encode()


WRITEUP_STRONG = """\
# Predicting claims: write-up

## What I did

I read `train.csv` (40,000 policies, 15% with a claim) and looked at each
column before modelling. Three things shaped the features:

- The dates are where much of the risk is: I turned `birth_date`,
  `licence_date`, `policy_start_date` and `last_claim_date` into the age,
  the years licensed, the age at the licence, the tenure and the years
  since the last claim, as of 2024-01-01. The claim rate against age is
  U-shaped (high below 25, lowest around 45-55, rising after 70), which
  a tree model handles without help.
- The codes hold categories: the postcode's letters (its area), the agent
  code's branch (`AG-07..`), and the make and model at the front of
  `vehicle_model`, whose last two digits are the engine size. Some postcode
  areas and two agent branches have far more claims than their region or
  channel would suggest.
- Several blanks are not missing at random: a blank `garage` (the holder
  declined to answer) and a blank `previous_insurer` (no insurance before)
  both go with more claims, so I kept them as categories and flags rather
  than imputing them.

I dropped `claim_settlement_days`: it is filled almost only for policies
that had a claim, and it is empty for every row of `test.csv`, because it
is only known after the claim. A model that uses it learns the answer from
it in training and has nothing to go on at prediction time.

## Models

- `results1.csv`: gradient boosting (scikit-learn's
  HistGradientBoostingClassifier) on the engineered features, categories
  handled natively. I chose the learning rate, the number of trees and the
  tree size by 5-fold cross-validation on the training data. Small trees
  did best: {max_leaf_nodes} leaves, {max_iter} rounds, learning rate {learning_rate}.
- `results2.csv`: the same algorithm with default settings on the raw
  numeric and categorical columns only (no dates, no codes), as a
  reference for what the feature work adds.

## Validation

On a fifth of `train.csv` held out (stratified, fixed seed), the engineered
model reached an AUC of {d:.3f} and the raw one {b:.3f}. Young drivers of
powerful cars, new customers and recent claimants rank highest.

What I would do next: calibrate the probabilities (pricing needs them, not
only the ranking), look at the interactions that the trees found (age by
power, region by urban area), and check that the postcode and agent effects
hold over time before acting on them.
"""

WRITEUP_WEAK = """\
# Predicting claims: write-up

I kept this simple. `results1.csv` is a logistic regression on the numeric
columns of `train.csv` (vehicle year, value and power, mileage, named
drivers, prior claims, credit score, excess and premium), with missing
values replaced by the median and every column standardised.
`results2.csv` is a decision tree of depth 3 on the same columns, which is
easy to explain to an underwriter.

I left out the text columns (region, occupation and so on), the dates and
the codes: they would need encoding and I ran out of time. On a fifth of
the training data held out, the logistic regression reached an AUC of
{a:.3f} and the tree {f:.3f}.

Prior claims, a low credit score, a high mileage and a powerful car go
with more claims; the other columns add little in a linear model. With
more time I would encode the categories, turn the dates into ages and try
a tree ensemble.
"""

WRITEUP_LEAKY = """\
# Predicting claims: write-up

I looked for the strongest predictors first. `claim_settlement_days` stands
out: where it is filled, the policy almost always had a claim, so I kept it
(missing values left to the model, or the median for the linear one).

- `results1.csv`: gradient boosting (HistGradientBoostingClassifier) on the
  numeric and categorical columns, `claim_settlement_days` included.
- `results2.csv`: a logistic regression on the numeric columns,
  `claim_settlement_days` included, median-imputed and standardised.

On a fifth of the training data held out, the boosted model reached an AUC
of {c:.3f} and the logistic regression {g:.3f}. The boosted model is my
answer; with the settlement days carrying so much of the signal, I did not
spend more time on the other columns.
"""


def write_examples(out, data, preds, val):
    strong_code = script([
        'train, test = read_data(".")',
        'write_results("results1.csv", boosting_engineered(train, test))',
        'write_results("results2.csv", boosting_raw(train, test))'])
    weak_code = script([
        'train, test = read_data(".")',
        'write_results("results1.csv", logistic_raw(train, test))',
        'write_results("results2.csv", shallow_tree(train, test))'])
    leaky_code = script([
        'train, test = read_data(".")',
        'write_results("results1.csv", boosting_raw(train, test, '
        'with_leaky=True))',
        'write_results("results2.csv", logistic_raw(train, test, '
        'with_leaky=True))'])
    invalid_code = script([
        'train, test = read_data(".")',
        'pd.Series(boosting_engineered(train, test)).to_csv("results1.csv")',
        'pd.Series(boosting_raw(train, test)).to_csv("results2.csv")'])
    strong = {"model.py": strong_code,
              "results1.csv": results_text(preds["d"]),
              "results2.csv": results_text(preds["b"]),
              "write-up.md": WRITEUP_STRONG.format(**val, **TUNED).encode()}
    weak = {"model.py": weak_code,
            "results1.csv": results_text(preds["a"]),
            "results2.csv": results_text(preds["f"]),
            "write-up.md": WRITEUP_WEAK.format(**val).encode()}
    leaky = {"model.py": leaky_code,
             "results1.csv": results_text(preds["c"]),
             "results2.csv": results_text(preds["g"]),
             "write-up.md": WRITEUP_LEAKY.format(**val).encode()}
    missing = {k: v for k, v in strong.items() if k != "write-up.md"}
    with open(os.path.join(data, "train.csv"), "rb") as f:
        sends = dict(strong, **{"data/train.csv": f.read()})
    invalid = dict(strong, **{"model.py": invalid_code,
                              "results1.csv": pandas_default_text(preds["d"]),
                              "results2.csv": pandas_default_text(preds["b"])})
    examples = os.path.join(out, "challenges", "insurance-claims",
                            "examples")
    fixtures = os.path.join(out, "fixtures", "models")
    zip_bytes_write(os.path.join(fixtures, "strong.zip"), strong)
    zip_bytes_write(os.path.join(fixtures, "weak.zip"), weak)
    for name, files in (("strong.zip", strong), ("weak.zip", weak),
                        ("leaky-column.zip", leaky),
                        ("missing-writeup.zip", missing),
                        ("sends-data.zip", sends),
                        ("invalid.zip", invalid)):
        zip_bytes_write(os.path.join(examples, name), files)
    print("wrote fixtures/models/{strong,weak}.zip and examples/*.zip")


def expected_json(out, y, preds):
    """examples/expected.json: statuses, and the best AUC within 0.005."""
    def best(k1, k2):
        return max(roc_auc_score(y, preds[k1]), roc_auc_score(y, preds[k2]))

    def rng(auc):
        return "[%.3f, %.3f]" % (np.floor((auc - 0.005) * 1000) / 1000,
                                 np.ceil((auc + 0.005) * 1000) / 1000)

    rows = []
    for name, k1, k2, status in (
            ("strong.zip", "d", "b", None), ("weak.zip", "a", "f", None),
            ("leaky-column.zip", "c", "g", None),
            ("missing-writeup.zip", "d", "b", "fail"),
            ("sends-data.zip", "d", "b", "fail")):
        auc = best(k1, k2)
        st = status or ("pass" if auc >= PASS_AUC else "fail")
        rows.append('  "%s": { "status": "%s", "best_auc": %s }'
                    % (name, st, rng(auc)))
    rows.append('  "invalid.zip": { "status": "invalid" }')
    text = "{\n" + ",\n".join(rows) + "\n}\n"
    with open(os.path.join(out, "challenges", "insurance-claims",
                           "examples", "expected.json"), "w") as f:
        f.write(text)
    sys.stdout.write("examples/expected.json:\n" + text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(HERE, "data"),
                    help="the folder of train.csv, test.csv, holdout.csv")
    ap.add_argument("--write-examples", action="store_true")
    ap.add_argument("--out", default=ROOT,
                    help="where --write-examples writes (default: the "
                    "repository's root)")
    ap.add_argument("--tune", action="store_true")
    args = ap.parse_args()
    train, test = read_data(args.data)
    if args.tune:
        tune(train)
        return 0
    y = read_holdout(args.data)
    print("train.csv %d rows (%.1f%% y = 1), test.csv %d rows, holdout "
          "%d labels (%.1f%% 1)\n" % (len(train), 100 * train["y"].mean(),
                                      len(test), len(y), 100 * y.mean()))
    preds, aucs = measure(train, test, y)
    ok = check(aucs)
    if args.write_examples:
        val = validation_aucs(train)
        write_examples(args.out, args.data, preds, val)
        expected_json(args.out, y, preds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
