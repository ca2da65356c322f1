"""Translates the distinct sources of prepared splits with the reference model, greedy or beam
search, and reports the speed.

    /usr/bin/python3 bench/reference/translate.py --work DIR [--ckpt FILE] [--splits dev test]
        [--mode greedy|beam] [--beam 4] [--alpha 0.6] [--batch 64] [--gemm onednn] [--threads T]

For each split it reads WORK/SPLIT.src.ids, writes WORK/SPLIT.MODE[TAG].ids and the detokenized
WORK/SPLIT.MODE[TAG].hyp (one line per source, in order), and prints
    SPLIT MODE: N sentences in Xs = R sent/s, Y output tok/s (...)
Output tokens are the pieces of the hypotheses without EOS. Sources are decoded in batches of
similar length; a hypothesis is at most 1.5 x the batch's longest source (EOS included) + 10
tokens, EOS included, and never empty (EOS is not allowed first).

Both searches are incremental: each decoder block caches its self-attention keys and values and
the projected encoder memory, so every step feeds the decoder the newest token only.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import model as reference  # noqa: E402

NEG_INF = float("-inf")


@torch.no_grad()
def greedy_search(net, source, max_len):
    memory, padding = net.encode(source)
    rows = source.shape[0]
    caches = net.new_caches()
    last = torch.full((rows, 1), reference.BOS, dtype=torch.long)
    ended = torch.zeros(rows, dtype=torch.bool)
    chosen = []
    for position in range(max_len - 1):  # the last place is the EOS's
        logits = net.step(last, position, memory, padding, caches)
        if position == 0:
            logits[:, reference.EOS] = NEG_INF
        best = logits.argmax(dim=-1).masked_fill(ended, reference.PAD)
        chosen.append(best)
        ended |= best.eq(reference.EOS)
        if bool(ended.all()):
            break
        last = best[:, None]
    hypotheses = []
    for row in torch.stack(chosen, dim=1).tolist():
        hypotheses.append(row[:row.index(reference.EOS)] if reference.EOS in row else row)
    return hypotheses


def length_penalty(length, alpha):
    """GNMT: ((5 + |Y|) / 6)^alpha, |Y| counting the EOS."""
    return ((5.0 + length) / 6.0) ** alpha


@torch.no_grad()
def beam_search(net, source, beam, alpha, max_len):
    """Beam search over `beam` hypotheses a sentence. At each step the 2*beam best extensions of a
    sentence's live hypotheses are ranked; those of the first `beam` that end in EOS are finished
    (score: log-probability / length_penalty), and the best `beam` that do not end live on. A
    sentence is done once it has `beam` finished hypotheses; the last step allows only EOS."""
    sentences = source.shape[0]
    memory, padding = net.encode(source)
    memory, padding = memory.repeat_interleave(beam, 0), padding.repeat_interleave(beam, 0)
    caches = net.new_caches()
    scores = torch.zeros(sentences, beam)
    scores[:, 1:] = NEG_INF  # at the start, only one live hypothesis per sentence
    prefixes = torch.full((sentences * beam, 1), reference.BOS, dtype=torch.long)
    finished = [[] for _ in range(sentences)]
    for position in range(max_len):
        log_probs = net.step(prefixes[:, -1:], position, memory, padding, caches).log_softmax(dim=-1)
        vocab = log_probs.shape[1]
        if position == 0:
            log_probs[:, reference.EOS] = NEG_INF
        if position == max_len - 1:
            eos_column = log_probs[:, reference.EOS].clone()
            log_probs.fill_(NEG_INF)
            log_probs[:, reference.EOS] = eos_column
        totals = (scores.reshape(-1, 1) + log_probs).reshape(sentences, beam * vocab)
        top_scores, top_indices = totals.topk(2 * beam, dim=1)
        origins, tokens = top_indices // vocab, top_indices % vocab
        ends = tokens.eq(reference.EOS)
        for s, j in ends[:, :beam].nonzero().tolist():
            score = top_scores[s, j].item()
            if len(finished[s]) < beam and score > NEG_INF:
                prefix = prefixes[s * beam + origins[s, j].item(), 1:].tolist()
                finished[s].append((score / length_penalty(len(prefix) + 1, alpha), prefix))
        if all(len(f) >= beam for f in finished):
            break
        scores, keep = top_scores.masked_fill(ends, NEG_INF).topk(beam, dim=1)
        rows = (torch.arange(sentences)[:, None] * beam + origins.gather(1, keep)).reshape(-1)
        prefixes = torch.cat((prefixes.index_select(0, rows), tokens.gather(1, keep).reshape(-1, 1)), dim=1)
        for cache in caches:
            cache.keep_rows(rows)
    return [max(f, key=lambda c: c[0])[1] if f else prefixes[s * beam, 1:].tolist() for s, f in enumerate(finished)]


def arguments():
    p = argparse.ArgumentParser(description="Translate prepared splits with the reference model.")
    p.add_argument("--work", default=os.environ.get("NMT_REFERENCE_WORK", "/tmp/nmt4j-reference"))
    p.add_argument("--ckpt", help="checkpoint of train.py (default WORK/model.pt)")
    p.add_argument("--splits", nargs="+", default=["dev", "test"])
    p.add_argument("--mode", choices=["greedy", "beam"], default="greedy")
    p.add_argument("--beam", type=int, default=4)
    p.add_argument("--alpha", type=float, default=0.6, help="GNMT length penalty")
    p.add_argument("--batch", type=int, default=64, help="sources a batch")
    p.add_argument("--limit", type=int, default=0, help="only the first N sources of each split")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--gemm", choices=["blas", "onednn"], default="blas")
    p.add_argument("--tag", default="", help="added to the output names: SPLIT.MODE.TAG.hyp")
    args = p.parse_args()
    if args.beam < 1 or args.batch < 1 or args.threads < 1:
        p.error("--beam, --batch and --threads must be at least 1")
    return args


def translate_split(net, table, args, split):
    sources = [ids + [reference.EOS] for ids in corpus.read_id_lines(os.path.join(args.work, f"{split}.src.ids"))]
    if args.limit:
        sources = sources[:args.limit]
    for number, ids in enumerate(sources, 1):
        if max(ids) >= len(table):
            raise corpus.DataError(f"{args.work}/{split}.src.ids:{number}: id {max(ids)} is outside the "
                                   f"vocabulary of {len(table)}; rerun bench/reference/prepare.sh")
    by_length = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    hypotheses = [None] * len(sources)
    t0 = time.time()
    for start in range(0, len(by_length), args.batch):
        chunk = by_length[start:start + args.batch]
        batch = corpus.padded([sources[i] for i in chunk], max(len(sources[i]) for i in chunk))
        max_len = int(1.5 * batch.shape[1]) + 10
        if args.mode == "greedy":
            found = greedy_search(net, batch, max_len)
        else:
            found = beam_search(net, batch, args.beam, args.alpha, max_len)
        for i, ids in zip(chunk, found):
            hypotheses[i] = ids
    seconds = max(time.time() - t0, 1e-9)
    out_tokens = sum(len(h) for h in hypotheses)
    in_tokens = sum(len(s) for s in sources)
    print(f"{split} {args.mode}: {len(sources)} sentences in {seconds:.1f}s = {len(sources) / seconds:.1f} sent/s, "
          f"{out_tokens / seconds:.0f} output tok/s ({out_tokens} output tokens without EOS; "
          f"{in_tokens / seconds:.0f} source tok/s)", flush=True)
    base = os.path.join(args.work, f"{split}.{args.mode}{args.tag}")
    write_lines(base + ".ids", (" ".join(map(str, h)) for h in hypotheses))
    write_lines(base + ".hyp", (table.detokenize(h) for h in hypotheses))
    print(f"wrote {base}.hyp", flush=True)


def write_lines(path, lines):
    """Writes the lines to path through a temporary file, so that a path is whole or absent."""
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
    os.replace(partial, path)


def main():
    args = arguments()
    torch.set_num_threads(args.threads)
    reference.use_gemm(args.gemm)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), gemm {args.gemm}, "
          f"blas {reference.loaded_blas()}", flush=True)
    ckpt = args.ckpt or os.path.join(args.work, "model.pt")
    if not os.path.isfile(ckpt):
        sys.exit(f"translate.py: checkpoint {ckpt} not found; train one with bench/reference/train.py or pass --ckpt")
    saved = torch.load(ckpt)
    if "config" not in saved:
        sys.exit(f"translate.py: {ckpt} is not a checkpoint of bench/reference/train.py")
    try:
        table = corpus.PieceTable(os.path.join(args.work, "vocab.tsv"))
        if len(table) != saved["config"]["vocab"]:
            sys.exit(f"translate.py: {ckpt} has a vocabulary of {saved['config']['vocab']}, "
                     f"{args.work}/vocab.tsv {len(table)}; translate with the work directory it was trained on")
        net = reference.Seq2SeqTransformer(**saved["config"])
        net.load_state_dict(saved["model"])
        net.eval()
        for split in args.splits:
            translate_split(net, table, args, split)
    except corpus.DataError as e:
        sys.exit(f"translate.py: {e}")


if __name__ == "__main__":
    main()
