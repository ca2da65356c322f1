"""Independent reference for MultiHeadAttentionGoldenTest: cross-attention of one
multi-head attention block, written from the paper's equations in plain NumPy (no
DJL, no PyTorch). Every input is a closed-form function of its flat index, so the Java
test builds the same numbers without reading weights from disk.

Run: /usr/bin/python3 mha_golden.py > mha_golden.txt
"""
import numpy as np

E, H, B, T, S = 8, 2, 2, 3, 5
D = E // H


def values(shape, phase, scale):
    n = int(np.prod(shape))
    idx = np.arange(n, dtype=np.float64)
    return (np.sin(idx * 0.7 + phase) * scale).reshape(shape)


# Parameters in DJL's Linear layout: y = x @ W.T + b, W of shape (out, in).
wq, bq = values((E, E), 1.0, 0.5), values((E,), 2.0, 0.1)
wkv, bkv = values((2 * E, E), 3.0, 0.5), values((2 * E,), 4.0, 0.1)
wo, bo = values((E, E), 5.0, 0.5), values((E,), 6.0, 0.1)
x = values((B, T, E), 7.0, 1.0)
memory = values((B, S, E), 8.0, 1.0)
source_keep = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=bool)


def heads(a):
    b, l, _ = a.shape
    return a.reshape(b, l, H, D).transpose(0, 2, 1, 3)


q = heads(x @ wq.T + bq)
kv = memory @ wkv.T + bkv
k, v = heads(kv[..., :E]), heads(kv[..., E:])
scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D)
scores = np.where(source_keep[:, None, None, :], scores, -np.inf)
scores -= scores.max(axis=-1, keepdims=True)
probs = np.exp(scores)
probs /= probs.sum(axis=-1, keepdims=True)
context = (probs @ v).transpose(0, 2, 1, 3).reshape(B, T, E)
out = context @ wo.T + bo

print("output", " ".join(repr(float(f)) for f in out.ravel()))
print("probabilities", " ".join(repr(float(f)) for f in probs.ravel()))
