#!/usr/bin/env python3
"""Regenerates expected.properties: sacreBLEU's own figures for every case directory here.

How (see /work/shared/bench/SACREBLEU.md): bring the mjpost/sacrebleu repository (v2.6.0), clone it to
/tmp/sacrebleu-src, add sacrebleu/version.py holding __version__ = "2.6.0-src", install python3-regex,
python3-tabulate, python3-colorama, python3-lxml, python3-portalocker and python3-numpy, then run

    PYTHONPATH=/tmp/sacrebleu-src /usr/bin/python3 text/src/test/resources/score/make_expected.py

A case is a directory with hyp.txt and ref1.txt [ref2.txt ...]. Files are read as sacreBLEU's Python
API users read them: UTF-8, Python's universal newlines, and an empty reference line is None ("no
reference for this line"). A line with no reference in any file gets one empty reference, which is
what sacreBLEU's command line reads there (its API cannot score such a line); the Java scorer's
callers apply the same rule (References.emptyWhereNone).

The hypothesis of perturbed_sentences is derived from its ref1.txt by perturb() below and rewritten
on every run (deterministic).

Also records sacreBLEU's 13a tokenisation of every line of every case and of a few extra strings,
and Python's fixed-point formatting of a few numbers that round differently in Java.
The signature's version is written as 2.6.0 (the source checkout calls itself 2.6.0-src).
"""

import os
import sys

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

HERE = os.path.dirname(os.path.abspath(__file__))
SRC_VERSION = sacrebleu.__version__
VERSION = SRC_VERSION.removesuffix("-src")

EXTRA_TOKENIZER_INPUTS = [
    "well-\nknown words\nsplit over lines",
    "&amp;lt;skipped&amp;gt; &amp;amp; &quot;q&quot;",
    "<skipped>start and end<skipped>",
    "",
    "   ",
    "a..b,,c 1.2.3 1,2,3 -1 1- x-1 1-x ..5 ,5",
    "tab\there\r\nand\x0bvertical\u3000ideographic",
]

# Numbers whose rounding tells Python's f"{x:.Nf}" (exact binary value, half to even) from Java's
# String.format (shortest decimal form, half up).
FORMAT_INPUTS = [
    (0.125, 2), (0.375, 2), (1.005, 2), (2.675, 2), (41.225, 2), (99.995, 2), (100.0, 2),
    (0.0, 2), (0.05, 1), (0.25, 1), (33.35, 1), (0.0005, 3), (1.0005, 3), (0.9995, 3),
    (12.34565, 4), (1 / 3, 4),
]


def perturb(line, i):
    """A deterministic edit of one sentence, chosen by its 0-based line number."""
    words = line.split()
    kind = i % 5
    if kind == 0 and len(words) > 3:
        del words[i % len(words)]
    elif kind == 1 and len(words) > 3:
        j = i % (len(words) - 1)
        words[j], words[j + 1] = words[j + 1], words[j]
    elif kind == 2:
        words[0] = words[0].lower()
        words[-1] = words[-1].rstrip(".!?")
    elif kind == 3 and len(words) > 2:
        words[len(words) // 2] = "cosa"
    return " ".join(words)


def write_perturbed():
    case = os.path.join(HERE, "perturbed_sentences")
    refs = read_lines(os.path.join(case, "ref1.txt"))
    with open(os.path.join(case, "hyp.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(perturb(r, i) + "\n" for i, r in enumerate(refs))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def read_case(case):
    d = os.path.join(HERE, case)
    hyps = read_lines(os.path.join(d, "hyp.txt"))
    names = sorted(n for n in os.listdir(d) if n.startswith("ref") and n.endswith(".txt"))
    refs = [[line or None for line in read_lines(os.path.join(d, n))] for n in names]
    for i in range(len(hyps)):
        if all(stream[i] is None for stream in refs):
            refs[0][i] = ""
    return hyps, refs


def version_fixed(signature):
    return str(signature).replace(f"version:{SRC_VERSION}", f"version:{VERSION}")


def bleu_figures(hyps, refs):
    metric = BLEU()
    score = metric.corpus_score(hyps, refs)
    sig = version_fixed(metric.get_signature())
    return {
        "score": repr(score.score),
        "precisions": ",".join(repr(p) for p in score.precisions),
        "bp": repr(score.bp),
        "ratio": repr(float(score.ratio)),
        "sys_len": str(score.sys_len),
        "ref_len": str(score.ref_len),
        "counts": ",".join(str(c) for c in score.counts),
        "totals": ",".join(str(t) for t in score.totals),
        "signature": sig,
        "line": score.format(signature=sig),
    }


def chrf_figures(hyps, refs):
    metric = CHRF()
    score = metric.corpus_score(hyps, refs)
    sig = version_fixed(metric.get_signature())
    stats = [sum(col) for col in zip(*metric._extract_corpus_statistics(hyps, refs))]
    return {
        "score": repr(score.score),
        "stats": ",".join(str(s) for s in stats),
        "signature": sig,
        "line": score.format(signature=sig),
    }


def escape(text, key=False):
    """java.util.Properties escaping, ASCII only (non-ASCII as UTF-16 \\uXXXX units)."""
    out = []
    for k, ch in enumerate(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[ch])
        elif ch in "=:#!" or (ch == " " and (key or k == 0)):
            out.append("\\" + ch)
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            units = ch.encode("utf-16-be")
            for j in range(0, len(units), 2):
                out.append("\\u%04x" % int.from_bytes(units[j : j + 2], "big"))
    return "".join(out)


def main():
    write_perturbed()
    props = {}
    cases = sorted(
        c for c in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, c, "hyp.txt"))
    )
    props["cases"] = ",".join(cases)
    tok_inputs = list(EXTRA_TOKENIZER_INPUTS)
    for case in cases:
        hyps, refs = read_case(case)
        for name, figures in (("bleu", bleu_figures(hyps, refs)), ("chrf", chrf_figures(hyps, refs))):
            for field, value in figures.items():
                props[f"{case}.{name}.{field}"] = value
        tok_inputs += hyps + [r for stream in refs for r in stream if r is not None]
    tokenizer = Tokenizer13a()
    seen = []
    for text in tok_inputs:
        if text not in seen:
            seen.append(text)
    for i, text in enumerate(seen):
        props[f"tok.{i:03d}.in"] = text
        props[f"tok.{i:03d}.out"] = tokenizer(text)
    for i, (value, width) in enumerate(FORMAT_INPUTS):
        props[f"fmt.{i:02d}.value"] = repr(value)
        props[f"fmt.{i:02d}.width"] = str(width)
        props[f"fmt.{i:02d}.out"] = f"{value:.{width}f}"
    out = os.path.join(HERE, "expected.properties")
    with open(out + ".tmp", "w", encoding="ascii", newline="\n") as f:
        f.write(f"# sacreBLEU {SRC_VERSION} figures, written by make_expected.py (see it for how to run). Do not edit.\n")
        for key in sorted(props):
            f.write(f"{escape(key, key=True)}={escape(props[key])}\n")
    os.replace(out + ".tmp", out)
    print(f"{len(cases)} cases, {len(seen)} tokenizer inputs -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
