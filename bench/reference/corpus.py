"""Id files, length-bucketed batches and detokenization for the reference (no SentencePiece needed:
PrepareIds.java writes the ids and the piece table with nmt4j's own SentencePieceCodec)."""
import os

import torch

from model import BOS, EOS, PAD


class DataError(Exception):
    """Bad or missing prepared data; the message says what and how to fix it."""


def read_id_lines(path):
    """One list of ints per line of a file of space-separated ids."""
    if not os.path.isfile(path):
        raise DataError(f"{path} not found; run bench/reference/prepare.sh --work {os.path.dirname(path)} first")
    rows = []
    with open(path, encoding="ascii") as lines:
        for number, line in enumerate(lines, 1):
            try:
                rows.append([int(token) for token in line.split()])
            except ValueError:
                raise DataError(f"{path}:{number}: not a line of integer ids; rerun bench/reference/prepare.sh") from None
    return rows


def training_pairs(work, max_len):
    """(source ids, target ids) pairs of WORK/train.{en,es}.ids with 1..max_len-1 ids a side (so
    that each side, with its EOS or BOS, fits in max_len), and how many lines were left out."""
    sources = read_id_lines(os.path.join(work, "train.en.ids"))
    targets = read_id_lines(os.path.join(work, "train.es.ids"))
    if len(sources) != len(targets):
        raise DataError(f"{work}: train.en.ids has {len(sources)} lines, train.es.ids {len(targets)}; "
                        "rerun bench/reference/prepare.sh")
    kept = [(s, t) for s, t in zip(sources, targets) if 0 < len(s) < max_len and 0 < len(t) < max_len]
    return kept, len(sources) - len(kept)


def epoch_batches(pairs, max_tokens, rng):
    """One epoch of batches (lists of pair indices) in random order. Pairs are ordered by target
    then source length, ties in random order, and cut greedily so that a batch's padded size,
    sentences x (longest source + 1 + longest target + 1), stays within max_tokens."""
    keys = [(len(t), len(s), rng.random(), i) for i, (s, t) in enumerate(pairs)]
    keys.sort()
    batches, current, longest_source, longest_target = [], [], 0, 0
    for target_len, source_len, _, index in keys:
        s, t = max(longest_source, source_len + 1), max(longest_target, target_len + 1)
        if current and (len(current) + 1) * (s + t) > max_tokens:
            batches.append(current)
            current, s, t = [], source_len + 1, target_len + 1
        current.append(index)
        longest_source, longest_target = s, t
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def padded(rows, width):
    """A B,width LongTensor of the rows, PAD-filled on the right."""
    out = torch.full((len(rows), width), PAD, dtype=torch.long)
    for r, row in enumerate(rows):
        out[r, :len(row)] = torch.as_tensor(row, dtype=torch.long)
    return out


def training_batch(pairs, indices):
    """source (ids + EOS), decoder input (BOS + ids) and decoder output (ids + EOS), PAD-filled."""
    sources = [pairs[i][0] + [EOS] for i in indices]
    targets = [pairs[i][1] for i in indices]
    width = max(len(t) for t in targets) + 1
    return (padded(sources, max(len(s) for s in sources)),
            padded([[BOS] + t for t in targets], width),
            padded([t + [EOS] for t in targets], width))


class PieceTable:
    """The pieces of a SentencePiece model as PrepareIds.java writes them (WORK/vocab.tsv: one
    line per id, KIND<TAB>PIECE, KIND one of normal, unknown, control, byte), and SentencePiece's
    detokenization: control pieces vanish, the unknown piece reads " \u2047 ", byte pieces are
    gathered and decoded as UTF-8 (a byte that starts no valid character becomes U+FFFD), U+2581
    becomes a space, and the space that starts the sentence is dropped."""

    SPACE = "\u2581"
    UNKNOWN_SURFACE = " \u2047 "

    def __init__(self, path):
        if not os.path.isfile(path):
            raise DataError(f"{path} not found; run bench/reference/prepare.sh first")
        self.kinds, self.pieces = [], []
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                kind, sep, piece = line.rstrip("\n").partition("\t")
                if not sep or kind not in ("normal", "unknown", "control", "byte"):
                    raise DataError(f"{path}:{number}: expected KIND<TAB>PIECE; rerun bench/reference/prepare.sh")
                self.kinds.append(kind)
                self.pieces.append(piece)

    def __len__(self):
        return len(self.pieces)

    def detokenize(self, ids):
        out, pending = [], bytearray()
        for i in ids:
            kind = self.kinds[i]
            if kind == "byte":
                pending.append(int(self.pieces[i][3:5], 16))
                continue
            if pending:
                out.append(utf8_per_byte(pending))
                pending.clear()
            if kind == "unknown":
                out.append(self.UNKNOWN_SURFACE)
            elif kind == "normal":
                piece = self.pieces[i] if any(out) else self.pieces[i].lstrip(self.SPACE)
                out.append(piece.replace(self.SPACE, " "))
        if pending:
            out.append(utf8_per_byte(pending))
        return "".join(out)


def utf8_per_byte(data):
    """Decodes UTF-8 as SentencePiece does for byte pieces: every well-formed character is kept and
    every byte that starts none becomes U+FFFD by itself (Python's errors="replace" would merge a
    truncated sequence into one U+FFFD)."""
    chars, i = [], 0
    while i < len(data):
        lead = data[i]
        length = 1 if lead < 0x80 else 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF \
            else 4 if 0xF0 <= lead <= 0xF4 else 0
        try:
            char = bytes(data[i:i + length]).decode("utf-8") if length and i + length <= len(data) else None
        except UnicodeDecodeError:
            char = None
        if char is None:
            chars.append("\ufffd")
            i += 1
        else:
            chars.append(char)
            i += length
    return "".join(chars)
