"""Trains the reference Transformer on the id files of bench/reference/prepare.sh.

    /usr/bin/python3 bench/reference/train.py --work DIR [--gemm onednn] [--threads T]
        [--max-steps N] [--max-minutes M] [--log-every K] [--seed S] [--out FILE]

Every --log-every steps one line:
    epoch E step S loss L lr X tok/s R s/step T elapsed Mm
loss: label-smoothed cross-entropy per target token of the interval; tok/s: non-pad source +
target tokens (EOS included) per second of training time (batch building, forward, backward and
the optimiser step; not the start-up); s/step: seconds of training time per step. At the end:
    median tok/s over N logged intervals: R
    saved FILE after N steps, training M min, total wall W min
"""
import argparse
import os
import random
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import model as reference  # noqa: E402


def arguments():
    p = argparse.ArgumentParser(description="Train the plain-PyTorch reference of bench/.")
    p.add_argument("--work", default=os.environ.get("NMT_REFERENCE_WORK", "/tmp/nmt4j-reference"),
                   help="prepared ids (bench/reference/prepare.sh); default $NMT_REFERENCE_WORK or /tmp/nmt4j-reference")
    p.add_argument("--out", help="checkpoint (default WORK/model.pt)")
    p.add_argument("--gemm", choices=["blas", "onednn"], default="blas")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: every core)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: no limit)")
    p.add_argument("--max-minutes", type=float, default=0, help="stop after this much training time (0: no limit)")
    p.add_argument("--max-epochs", type=int, default=100)
    p.add_argument("--log-every", type=int, default=100)
    p.add_argument("--max-tokens", type=int, default=4096, help="padded source + target tokens a batch")
    p.add_argument("--max-len", type=int, default=64, help="tokens a side, EOS or BOS included")
    p.add_argument("--warmup", type=int, default=4000)
    p.add_argument("--lr-scale", type=float, default=1.0)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--dim", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--hidden", type=int, default=1024)
    p.add_argument("--layers", type=int, default=3, help="encoder layers, and as many decoder layers")
    p.add_argument("--dropout", type=float, default=0.1)
    args = p.parse_args()
    for name in ("threads", "log_every", "max_tokens", "max_len", "warmup", "dim", "heads", "hidden", "layers"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.dim % args.heads:
        p.error(f"--dim {args.dim} is not a multiple of --heads {args.heads}")
    if args.max_tokens < 2 * args.max_len:
        p.error(f"--max-tokens {args.max_tokens} cannot hold one pair of --max-len {args.max_len}")
    return args


def learning_rate(step, args):
    """Inverse square root with linear warm-up: scale * E^-0.5 * min(step^-0.5, step * warmup^-1.5)."""
    return args.lr_scale * args.dim ** -0.5 * min(step ** -0.5, step * args.warmup ** -1.5)


def model_config(args, vocab):
    return {"vocab": vocab, "dim": args.dim, "heads": args.heads, "hidden": args.hidden,
            "encoder_layers": args.layers, "decoder_layers": args.layers, "dropout": args.dropout}


class Interval:
    """Loss and token counts of the steps since the last log line."""

    def __init__(self):
        self.loss = 0.0
        self.targets = self.tokens = self.steps = 0
        self.seconds = 0.0

    def add(self, loss, targets, tokens, seconds):
        self.loss += loss
        self.targets += targets
        self.tokens += tokens
        self.steps += 1
        self.seconds += seconds


def main():
    args = arguments()
    out = args.out or os.path.join(args.work, "model.pt")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    reference.use_gemm(args.gemm)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), gemm {args.gemm}, "
          f"blas {reference.loaded_blas()}", flush=True)

    try:
        vocab = len(corpus.PieceTable(os.path.join(args.work, "vocab.tsv")))
        pairs, left_out = corpus.training_pairs(args.work, args.max_len)
    except corpus.DataError as e:
        sys.exit(f"train.py: {e}")
    if not pairs:
        sys.exit(f"train.py: {args.work}/train.*.ids hold no pair of 1..{args.max_len - 1} ids a side")
    epoch_tokens = sum(len(s) + len(t) + 2 for s, t in pairs)
    print(f"train pairs {len(pairs)} (left out {left_out} with an empty side or one of {args.max_len}+ tokens), "
          f"{epoch_tokens} non-pad src+tgt tokens per epoch", flush=True)

    net = reference.Seq2SeqTransformer(**model_config(args, vocab))
    print(f"parameters: {reference.parameter_count(net)} (vocabulary {vocab})", flush=True)
    optimiser = torch.optim.Adam(net.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)

    started = time.time()
    step, train_seconds, rates = 0, 0.0, []
    interval = Interval()
    finished = False
    for epoch in range(1, args.max_epochs + 1):
        net.train()
        batches = corpus.epoch_batches(pairs, args.max_tokens, rng)
        epoch_seconds, epoch_seen = 0.0, 0
        for indices in batches:
            t0 = time.time()
            source, target_in, target_out = corpus.training_batch(pairs, indices)
            step += 1
            lr = learning_rate(step, args)
            for group in optimiser.param_groups:
                group["lr"] = lr
            logits = net(source, target_in)
            loss_sum = F.cross_entropy(logits.reshape(-1, vocab), target_out.reshape(-1), ignore_index=reference.PAD,
                                       label_smoothing=args.label_smoothing, reduction="sum")
            targets = int(target_out.ne(reference.PAD).sum())
            optimiser.zero_grad(set_to_none=True)
            (loss_sum / targets).backward()
            optimiser.step()
            seconds = time.time() - t0
            tokens = int(source.ne(reference.PAD).sum()) + targets
            interval.add(loss_sum.item(), targets, tokens, seconds)
            train_seconds += seconds
            epoch_seconds += seconds
            epoch_seen += tokens
            if step % args.log_every == 0:
                rate = interval.tokens / interval.seconds
                rates.append(rate)
                print(f"epoch {epoch} step {step} loss {interval.loss / interval.targets:.4f} lr {lr:.2e} "
                      f"tok/s {rate:.0f} s/step {interval.seconds / interval.steps:.3f} "
                      f"elapsed {train_seconds / 60:.1f}m", flush=True)
                interval = Interval()
            if (args.max_steps and step >= args.max_steps) or (args.max_minutes and train_seconds >= 60 * args.max_minutes):
                finished = True
                break
        share = "whole" if not finished else f"{epoch_seen / epoch_tokens:.1%} of its tokens"
        print(f"epoch {epoch} ({share}): {len(batches)} batches, {epoch_seconds:.0f} s, "
              f"{epoch_seen / max(epoch_seconds, 1e-9):.0f} tok/s", flush=True)
        if finished:
            break
    if rates:
        print(f"median tok/s over {len(rates)} logged intervals: {statistics.median(rates):.0f}", flush=True)
    partial = out + ".partial"
    torch.save({"model": net.state_dict(), "config": model_config(args, vocab), "step": step,
                "args": vars(args)}, partial)
    os.replace(partial, out)
    print(f"saved {out} after {step} steps, training {train_seconds / 60:.1f} min, "
          f"total wall {(time.time() - started) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
