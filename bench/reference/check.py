"""Correctness checks of the reference (no timing). Exits non-zero on the first failure.

    /usr/bin/python3 bench/reference/check.py [--work DIR]

Without data (random weights, made-up pieces):
  * 7,577,600 parameters with an 8,000-piece vocabulary;
  * the oneDNN Linear gives the output and gradients of torch.nn.functional.linear;
  * incremental decoding (per-layer key/value cache) gives the logits of the full re-run, with
    either GEMM back end, and so does a cache reordered as beam search reorders it;
  * greedy and beam search end every hypothesis within the length limit, never empty, and beam 1
    finds the greedy output;
  * batches: every pair exactly once an epoch, none over the padded-token budget;
  * detokenization as SentencePiece's (leading space, unknown piece, byte pieces, control pieces).
With --work DIR (prepared by prepare.sh): 40 training steps of the real recipe, in which the loss
of the last 10 must be below that of the first 10, then translate.py greedy and beam on the first
20 dev sources, which must write 20 non-empty lines each.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
import model as reference  # noqa: E402
import translate  # noqa: E402


def check(condition, what):
    if not condition:
        sys.exit(f"check.py: FAILED: {what}")
    print(f"ok: {what}", flush=True)


def random_batch(rows, width, vocab, lengths):
    ids = torch.randint(4, vocab, (rows, width))
    for r, n in enumerate(lengths):
        ids[r, n:] = reference.PAD
    return ids


def check_parameters():
    count = reference.parameter_count(reference.Seq2SeqTransformer(vocab=8000))
    check(count == 7_577_600, f"parameters with an 8,000-piece vocabulary: {count} == 7,577,600")


def check_onednn_linear():
    torch.manual_seed(3)
    x = torch.randn(5, 7, 32, requires_grad=True)
    w = torch.randn(48, 32, requires_grad=True)
    b = torch.randn(48, requires_grad=True)
    upstream = torch.randn(5, 7, 48)
    results = []
    for name in ("blas", "onednn"):
        reference.use_gemm(name)
        x.grad = w.grad = b.grad = None
        y = reference.affine(x, w, b)
        (y * upstream).sum().backward()
        results.append((y.detach(), x.grad.clone(), w.grad.clone(), b.grad.clone()))
    reference.use_gemm("blas")
    worst = max((p - q).abs().max().item() for p, q in zip(*results))
    check(worst < 1e-3, f"oneDNN Linear: output and the three gradients match F.linear (max |diff| {worst:.1e})")


def check_incremental(gemm):
    torch.manual_seed(0)
    reference.use_gemm(gemm)
    net = reference.Seq2SeqTransformer(vocab=500).eval()
    source = random_batch(3, 9, 500, [9, 6, 8])
    source[torch.arange(3), torch.tensor([8, 5, 7])] = reference.EOS
    target = random_batch(3, 7, 500, [7, 7, 7])
    target[:, 0] = reference.BOS
    with torch.no_grad():
        memory, padding = net.encode(source)
        full = net.project(net.decode(target, memory, padding))
        caches = net.new_caches()
        steps = torch.stack([net.step(target[:, t:t + 1], t, memory, padding, caches) for t in range(7)], 1)
        diff = (full - steps).abs().max().item()
        scale = full.abs().max().item()
        check(diff < 1e-4 * scale, f"{gemm}: incremental decoding == full re-run (max |diff| {diff:.1e}, logits up to {scale:.1f})")
        # beam search duplicates rows and reorders the cache: row r of the reordered cache must
        # continue exactly like row rows[r] of the full re-run
        rows = torch.tensor([2, 0, 0, 1])
        caches = net.new_caches()
        for t in range(4):
            net.step(target[:, t:t + 1], t, memory, padding, caches)
        for cache in caches:
            cache.keep_rows(rows)
        memory_rows, padding_rows = memory.index_select(0, rows), padding.index_select(0, rows)
        for cache in caches:  # the memory projections are computed per sentence row as well
            cache.memory_keys = cache.memory_keys.index_select(0, rows)
            cache.memory_values = cache.memory_values.index_select(0, rows)
        nxt = net.step(target.index_select(0, rows)[:, 4:5], 4, memory_rows, padding_rows, caches)
        diff = (nxt - full.index_select(0, rows)[:, 4]).abs().max().item()
        check(diff < 1e-4 * scale, f"{gemm}: a reordered cache continues its rows (max |diff| {diff:.1e})")
    reference.use_gemm("blas")


def check_searches():
    torch.manual_seed(1)
    net = reference.Seq2SeqTransformer(vocab=300).eval()
    source = random_batch(4, 6, 300, [6, 4, 5, 2])
    source[torch.arange(4), torch.tensor([5, 3, 4, 1])] = reference.EOS
    max_len = 12
    greedy = translate.greedy_search(net, source, max_len)
    beam = translate.beam_search(net, source, 4, 0.6, max_len)
    beam1 = translate.beam_search(net, source, 1, 0.0, max_len)
    for name, found in (("greedy", greedy), ("beam 4", beam), ("beam 1", beam1)):
        check(len(found) == 4 and all(0 < len(h) < max_len and reference.EOS not in h and reference.PAD not in h for h in found),
              f"{name}: one hypothesis a source, non-empty, within {max_len - 1} tokens + EOS, no EOS or PAD inside")
    # with alpha 0 and one beam, beam search is greedy search (up to the forced EOS at the end)
    check(beam1 == greedy, "beam 1 without length penalty finds the greedy hypotheses")
    # greedy's choice at each step is the argmax of the full re-run over its own prefix
    with torch.no_grad():
        memory, padding = net.encode(source)
        for r, hyp in enumerate(greedy):
            prefix = torch.tensor([[reference.BOS] + hyp])
            logits = net.project(net.decode(prefix, memory[r:r + 1], padding[r:r + 1]))[0]
            logits[0, reference.EOS] = float("-inf")
            best = logits.argmax(-1).tolist()
            ok = best[:len(hyp)] == hyp and (len(hyp) == max_len - 1 or best[len(hyp)] == reference.EOS)
            if not ok:
                check(False, f"greedy hypothesis {r} is the argmax path of the full re-run")
    check(True, "greedy hypotheses are the argmax paths of the full re-run")


def check_batches():
    rng = random.Random(5)
    pairs = [([4] * rng.randint(1, 63), [5] * rng.randint(1, 63)) for _ in range(3000)]
    batches = corpus.epoch_batches(pairs, 4096, random.Random(1))
    seen = sorted(i for b in batches for i in b)
    check(seen == list(range(len(pairs))), f"batches: each of {len(pairs)} pairs exactly once in {len(batches)} batches")
    worst = 0
    for b in batches:
        source, target_in, target_out = corpus.training_batch(pairs, b)
        worst = max(worst, source.numel() + target_in.numel())
        assert target_in.shape == target_out.shape
    check(worst <= 4096, f"batches: padded source + target tokens at most 4,096 (largest {worst})")


def check_detokenizer():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "vocab.tsv")
        rows = [("control", "<pad>"), ("unknown", "<unk>"), ("control", "<s>"), ("control", "</s>"),
                ("normal", "\u2581Hola"), ("normal", ","), ("normal", "\u2581mundo"), ("byte", "<0xC3>"),
                ("byte", "<0xB1>"), ("normal", "\u2581"), ("byte", "<0xE2>"), ("normal", "a")]
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(f"{k}\t{p}\n" for k, p in rows)
        table = corpus.PieceTable(path)
        cases = [([2, 4, 5, 6, 3], "Hola, mundo"), ([4, 1, 6], "Hola \u2047  mundo"), ([7, 8, 11], "\u00f1a"),
                 ([9, 4], "Hola"), ([10, 11], "\ufffda"), ([7, 3, 8], "\ufffd\ufffd"), ([1, 6], " \u2047  mundo")]
        for ids, text in cases:
            got = table.detokenize(ids)
            check(got == text, f"detokenize {ids} -> {text!r} (got {got!r})")


def check_with_data(work):
    with tempfile.TemporaryDirectory() as tmp:
        ckpt = os.path.join(tmp, "model.pt")
        run = subprocess.run([sys.executable, os.path.join(HERE, "train.py"), "--work", work, "--max-steps", "40",
                              "--log-every", "10", "--gemm", "onednn", "--threads", "1", "--out", ckpt],
                             capture_output=True, text=True)
        print(run.stdout, end="")
        check(run.returncode == 0, f"train.py runs 40 steps (exit {run.returncode}: {run.stderr.strip()[-300:]})")
        check("parameters: 7577600 " in run.stdout, "train.py prints 7,577,600 parameters on the prepared 8k vocabulary")
        losses = [float(x) for x in re.findall(r" loss ([0-9.]+) lr .* tok/s [0-9]+ s/step ", run.stdout)]
        check(len(losses) == 4 and losses[-1] < losses[0], f"the loss falls: {losses}")
        check(re.search(r"saved .* after 40 steps, training [0-9.]+ min", run.stdout), "train.py saves after 40 steps")
        for mode in ("greedy", "beam"):
            run = subprocess.run([sys.executable, os.path.join(HERE, "translate.py"), "--work", work, "--ckpt", ckpt,
                                  "--splits", "dev", "--mode", mode, "--limit", "20", "--tag=-check",
                                  "--gemm", "onednn", "--threads", "1"], capture_output=True, text=True)
            print(run.stdout, end="")
            check(run.returncode == 0, f"translate.py {mode} (exit {run.returncode}: {run.stderr.strip()[-300:]})")
            check(re.search(r"dev " + mode + r": 20 sentences in .* = [0-9.]+ sent/s, [0-9]+ output tok/s", run.stdout),
                  f"translate.py {mode} reports sentences/s and tokens/s")
            hyp = os.path.join(work, f"dev.{mode}-check.hyp")
            with open(hyp, encoding="utf-8") as f:
                lines = f.read().split("\n")
            check(len(lines) == 21 and lines[-1] == "" and all(lines[:20]), f"{hyp}: 20 non-empty lines")
            for leftover in (hyp, hyp[:-4] + ".ids"):
                os.remove(leftover)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", help="a work directory of prepare.sh: also train a few steps and translate")
    args = p.parse_args()
    torch.set_num_threads(1)
    check_parameters()
    check_onednn_linear()
    for gemm in ("blas", "onednn"):
        check_incremental(gemm)
    check_searches()
    check_batches()
    check_detokenizer()
    if args.work:
        check_with_data(args.work)
    print("check.py: all checks passed")


if __name__ == "__main__":
    main()
