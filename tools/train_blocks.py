#!/usr/bin/env python3
"""Train gleaner's learned block selection (crates/extract/src/main_content/classify.rs).

1. Dump features and labels from the shared development corpora:
     GLEANER_SHARED=../shared cargo run --release -p gleaner-eval --example dump_blocks -- /tmp/blocks
2. Train, cross-validate with whole sites held out, and write the model:
     python3 tools/train_blocks.py /tmp/blocks [--write crates/extract/src/main_content/model.json]

Validation: pages are grouped by host (pages without a URL are their own group) and split
into 5 folds; each fold is scored by a model trained on the other four, so every reported
figure is on sites the model never saw. Per page, precision and recall are counted over the
word 4-grams of the selected blocks (the block labels say which share of each block's
4-grams is in the gold body) and averaged per corpus as score.py does; the rule-based
selection ("kept" feature) is scored the same way for comparison. Snippet corpora
(trafilatura) are scored on labelled blocks as accuracy-weighted snippet F1.

Requirements: tools/requirements-train.txt (numpy, lightgbm).
"""
import argparse
import json
import math
import sys
from collections import defaultdict

import lightgbm as lgb
import numpy as np

PARAMS = dict(
    objective="binary",
    learning_rate=float(__import__("os").environ.get("LR", "0.15")),
    num_leaves=int(__import__("os").environ.get("LEAVES", "31")),
    min_data_in_leaf=40,
    feature_fraction=0.8,
    bagging_fraction=0.8,
    bagging_freq=1,
    lambda_l2=1.0,
    verbose=-1,
    num_threads=2,
    seed=7,
)
ROUNDS = 100
FOLDS = 5


def load(d):
    names = json.load(open(f"{d}/features.json"))
    pages = [json.loads(l) for l in open(f"{d}/pages.jsonl")]
    raw = np.fromfile(f"{d}/blocks.f32", dtype="<f4").reshape(-1, 3 + len(names))
    return names, pages, raw


def weights(page_idx, label, nsh, pages):
    """Every page weighs the same; within a page, blocks weigh by their 4-gram count."""
    w = np.zeros(len(label))
    tot = defaultdict(float)
    labelled = label >= 0
    for i in np.nonzero(labelled)[0]:
        tot[page_idx[i]] += nsh[i] + 1.0
    for i in np.nonzero(labelled)[0]:
        w[i] = (nsh[i] + 1.0) / tot[page_idx[i]]
    return w


def page_scores(sel, page_idx, label, nsh, pages):
    """Per corpus: (mean precision, mean recall, F1 of the means), as score.py computes."""
    tp = defaultdict(float)
    fp = defaultdict(float)
    for i in np.nonzero(sel)[0]:
        l = label[i]
        if l < 0:
            continue
        tp[page_idx[i]] += l * nsh[i]
        fp[page_idx[i]] += (1 - l) * nsh[i]
    per = defaultdict(lambda: ([], []))
    for p in pages:
        if p["snippets"]:
            continue
        k = p["index"]
        t, f = tp[k], fp[k]
        fn = max(p["gold_shingles"] - t, 0.0)
        if f == 0 and fn == 0:
            prec = rec = 1.0
        else:
            prec = t / (t + f) if t + f > 0 else 0.0
            rec = t / (t + fn) if t + fn > 0 else 0.0
        per[p["corpus"]][0].append(prec)
        per[p["corpus"]][1].append(rec)
    out = {}
    for c, (ps, rs) in per.items():
        P, R = sum(ps) / len(ps), sum(rs) / len(rs)
        out[c] = (P, R, 2 * P * R / (P + R) if P + R else 0.0)
    return out


def snippet_scores(sel, page_idx, label, pages):
    snip = {p["index"] for p in pages if p["snippets"]}
    tp = fp = fn = 0
    for i in range(len(label)):
        if page_idx[i] not in snip or label[i] < 0:
            continue
        if label[i] >= 0.5:
            tp += sel[i]
            fn += not sel[i]
        else:
            fp += sel[i]
    P = tp / (tp + fp) if tp + fp else 0
    R = tp / (tp + fn) if tp + fn else 0
    return (P, R, 2 * P * R / (P + R) if P + R else 0)


def export(booster, names, threshold):
    dump = booster.dump_model()
    trees = []
    for t in dump["tree_info"]:
        f, th, l, r, v = [], [], [], [], []

        def walk(n):
            if "leaf_value" in n:
                v.append(n["leaf_value"])
                return ~(len(v) - 1)
            if n.get("decision_type", "<=") != "<=":
                raise SystemExit("unsupported split " + n["decision_type"])
            i = len(f)
            f.append(n["split_feature"])
            th.append(n["threshold"])
            l.append(0)
            r.append(0)
            l[i] = walk(n["left_child"])
            r[i] = walk(n["right_child"])
            return i

        root = t["tree_structure"]
        if "leaf_value" in root:
            v.append(root["leaf_value"])
        else:
            walk(root)
        trees.append(dict(f=f, t=[float(np.float32(x)) for x in th], l=l, r=r, v=v))
    return dict(features=names, threshold=threshold, trees=trees)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--write", help="write the model trained on all pages here")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--threshold", type=float, help="decision threshold (raw score) to write; default: the best mean held-out F1")
    ap.add_argument("--cv", action=argparse.BooleanOptionalAction, default=True, help="run the cross-validation")
    ap.add_argument(
        "--hold-out-fold",
        type=int,
        help="train the written model without this fold's sites and list that fold's page ids in DIR/heldout.txt "
        "(to score the real extractor on unseen sites with score.py)",
    )
    args = ap.parse_args()
    names, pages, raw = load(args.dir)
    page_idx = raw[:, 0].astype(int)
    label = raw[:, 1]
    nsh = raw[:, 2]
    X = raw[:, 3:]
    w = weights(page_idx, label, nsh, pages)
    y = (label >= 0.5).astype(int)
    lab = label >= 0
    # Whole-site folds.
    hosts = sorted({p["host"] for p in pages})
    rng = np.random.default_rng(11)
    rng.shuffle(hosts)
    fold_of_host = {h: i % args.folds for i, h in enumerate(hosts)}
    page_fold = np.array([fold_of_host[p["host"]] for p in pages])
    row_fold = page_fold[page_idx]
    oof = np.zeros(len(y))
    best = (0, -0.25)
    for k in range(args.folds if args.cv else 0):
        tr = (row_fold != k) & lab
        te = row_fold == k
        b = lgb.train(PARAMS, lgb.Dataset(X[tr], y[tr], weight=w[tr]), args.rounds)
        oof[te] = b.predict(X[te], raw_score=True)
        print(f"fold {k}: trained on {tr.sum()} blocks", file=sys.stderr)
    kept = X[:, names.index("kept")] > 0.5
    base = page_scores(kept, page_idx, label, nsh, pages)
    if args.cv:
        print("held-out sites, F1 over word 4-grams (approximate score.py), rules -> model:")
        best = None
    for th in [-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0] if args.cv else []:
        sel = oof > th
        sc = page_scores(sel, page_idx, label, nsh, pages)
        sn = snippet_scores(sel, page_idx, label, pages)
        mean = sum(v[2] for v in sc.values()) / len(sc)
        print(f"threshold {th:+.2f}: mean F1 {mean:.4f}  " + "  ".join(f"{c} {v[2]:.3f}" for c, v in sorted(sc.items())) + f"  snippets {sn[2]:.3f}")
        if best is None or mean > best[0]:
            best = (mean, th)
    sb = snippet_scores(kept, page_idx, label, pages)
    print(f"rules:            mean F1 {sum(v[2] for v in base.values()) / len(base):.4f}  " + "  ".join(f"{c} {v[2]:.3f}" for c, v in sorted(base.items())) + f"  snippets {sb[2]:.3f}")
    if args.cv:
        print(f"best threshold {best[1]:+.2f} (raw score)")
    if args.write:
        use = lab
        if args.hold_out_fold is not None:
            use = lab & (row_fold != args.hold_out_fold)
            with open(f"{args.dir}/heldout.txt", "w") as f:
                for p in pages:
                    if page_fold[p["index"]] == args.hold_out_fold:
                        print(p["id"], file=f)
        b = lgb.train(PARAMS, lgb.Dataset(X[use], y[use], weight=w[use]), args.rounds)
        model = export(b, names, best[1] if args.threshold is None else args.threshold)
        with open(args.write, "w") as f:
            json.dump(model, f, separators=(",", ":"))
        imp = sorted(zip(b.feature_importance("gain"), names), reverse=True)[:15]
        print("top features:", ", ".join(f"{n} {g:.0f}" for g, n in imp))
        print(f"wrote {args.write}: {len(model['trees'])} trees")


if __name__ == "__main__":
    main()
