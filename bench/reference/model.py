"""The reference model: a post-norm encoder-decoder Transformer in plain PyTorch.

Shapes and choices (bench/reference/README.md lists them with the recipe):
  * pre-softmax scaling by 1/sqrt(d_head); dropout on the attention weights, after the ReLU of
    the feed-forward block, on every residual branch and on the embedded input;
  * post-norm: x = LayerNorm(x + Dropout(sublayer(x))), and no extra LayerNorm after a stack;
  * one embedding matrix for source, target and output, scaled by sqrt(E) on input, with fixed
    sinusoidal positions added; the output projection is that matrix (no bias);
  * Xavier-uniform weight matrices, the embedding drawn from N(0, E^-1/2) with the pad row zero.

The decoder can run one position at a time with a per-layer key/value cache (DecoderCache):
check.py shows that this gives the logits of the full, teacher-forced re-run.

Matrix products of the Linear layers go through one of two back ends (use_gemm):
  blas    torch.nn.functional.linear, i.e. whatever libblas.so.3 Debian's torch is pointed at;
  onednn  the oneDNN (MKL-DNN) kernels built into the same libtorch, for the forward product and
          both backward products (input gradient and weight gradient). Debian's torch 1.13 has no
          MKL, and its BLAS path is slow on small matrices; oneDNN is its fastest GEMM here.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, UNK, BOS, EOS = 0, 1, 2, 3


def _dnn_mm_t(a, b):
    """a @ b.T for 2-D float tensors, computed by oneDNN's inner-product primitive."""
    out = torch._C._nn.mkldnn_linear(a.contiguous().to_mkldnn(), b.contiguous().to_mkldnn(), None)
    return out.to_dense()


class _DnnLinear(torch.autograd.Function):
    """y = x W^T + b where all three products (y, dL/dx, dL/dW) are oneDNN's."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        rows = x.reshape(-1, x.shape[-1])
        ctx.save_for_backward(rows, weight)
        ctx.lead_shape = x.shape[:-1]
        ctx.with_bias = bias is not None
        out = torch._C._nn.mkldnn_linear(
            rows.contiguous().to_mkldnn(), weight.contiguous().to_mkldnn(),
            bias.contiguous().to_mkldnn() if bias is not None else None).to_dense()
        return out.view(*ctx.lead_shape, weight.shape[0])

    @staticmethod
    def backward(ctx, grad):
        rows, weight = ctx.saved_tensors
        g = grad.reshape(-1, weight.shape[0])
        need_x, need_w, need_b = ctx.needs_input_grad
        gx = _dnn_mm_t(g, weight.t()).view(*ctx.lead_shape, weight.shape[1]) if need_x else None
        gw = _dnn_mm_t(g.t(), rows.t()) if need_w else None
        gb = g.sum(0) if ctx.with_bias and need_b else None
        return gx, gw, gb


_BACKENDS = {"blas": F.linear, "onednn": _DnnLinear.apply}
_affine = F.linear


def use_gemm(name):
    """Selects the GEMM back end of every Linear layer and the output projection."""
    global _affine
    if name not in _BACKENDS:
        raise ValueError(f"unknown GEMM back end '{name}'; use one of {sorted(_BACKENDS)}")
    _affine = _BACKENDS[name]


def affine(x, weight, bias=None):
    return _affine(x, weight, bias)


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process (which one Debian's alternatives chose)."""
    try:
        with open("/proc/self/maps") as maps:
            return sorted({line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1]})
    except OSError:
        return []


class Projection(nn.Linear):
    """nn.Linear whose product goes through the selected back end."""

    def forward(self, x):
        return affine(x, self.weight, self.bias)


class MultiHeadAttention(nn.Module):
    def __init__(self, dim, heads, dropout):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.query, self.key, self.value = Projection(dim, dim), Projection(dim, dim), Projection(dim, dim)
        self.out = Projection(dim, dim)
        self.dropout = nn.Dropout(dropout)

    def _heads(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).permute(0, 2, 1, 3)

    def keys_values(self, x):
        """The projected keys and values of x, split into heads: two B,H,T,Dh tensors."""
        return self._heads(self.key(x)), self._heads(self.value(x))

    def forward(self, x, keys, values, blocked):
        """x: B,Tq,E queries; keys/values: B,H,Tk,Dh; blocked: bool, True where a query may not look."""
        q = self._heads(self.query(x)) * (1.0 / math.sqrt(self.head_dim))
        weights = torch.matmul(q, keys.transpose(2, 3))
        if blocked is not None:
            weights = weights.masked_fill(blocked, float("-inf"))
        weights = self.dropout(weights.softmax(dim=-1))
        mixed = torch.matmul(weights, values).permute(0, 2, 1, 3).reshape(x.shape[0], x.shape[1], -1)
        return self.out(mixed)


class PositionwiseFeedForward(nn.Module):
    def __init__(self, dim, hidden, dropout):
        super().__init__()
        self.inner, self.outer = Projection(dim, hidden), Projection(hidden, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.outer(self.dropout(F.relu(self.inner(x))))


class EncoderBlock(nn.Module):
    def __init__(self, dim, heads, hidden, dropout):
        super().__init__()
        self.attention = MultiHeadAttention(dim, heads, dropout)
        self.feed_forward = PositionwiseFeedForward(dim, hidden, dropout)
        self.norm_attention, self.norm_feed_forward = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, blocked):
        k, v = self.attention.keys_values(x)
        x = self.norm_attention(x + self.dropout(self.attention(x, k, v, blocked)))
        return self.norm_feed_forward(x + self.dropout(self.feed_forward(x)))


class DecoderCache:
    """What one decoder block keeps between incremental steps: the self-attention keys and values
    of the positions decoded so far, and the projected encoder memory (computed once)."""

    def __init__(self):
        self.keys = self.values = None
        self.memory_keys = self.memory_values = None

    def append(self, keys, values):
        if self.keys is not None:
            keys, values = torch.cat((self.keys, keys), 2), torch.cat((self.values, values), 2)
        self.keys, self.values = keys, values
        return keys, values

    def keep_rows(self, rows):
        """Reorders the self-attention cache to the given batch rows (beam search); the memory
        projections are the same for all beams of a sentence and stay."""
        self.keys, self.values = self.keys.index_select(0, rows), self.values.index_select(0, rows)


class DecoderBlock(nn.Module):
    def __init__(self, dim, heads, hidden, dropout):
        super().__init__()
        self.self_attention = MultiHeadAttention(dim, heads, dropout)
        self.cross_attention = MultiHeadAttention(dim, heads, dropout)
        self.feed_forward = PositionwiseFeedForward(dim, hidden, dropout)
        self.norm_self, self.norm_cross, self.norm_feed_forward = (nn.LayerNorm(dim) for _ in range(3))
        self.dropout = nn.Dropout(dropout)

    def forward(self, y, memory, self_blocked, memory_blocked, cache=None):
        """y: B,T,E (with a cache: only the new positions). cache: a DecoderCache or None."""
        k, v = self.self_attention.keys_values(y)
        if cache is not None:
            k, v = cache.append(k, v)
        y = self.norm_self(y + self.dropout(self.self_attention(y, k, v, self_blocked)))
        if cache is None:
            mk, mv = self.cross_attention.keys_values(memory)
        else:
            if cache.memory_keys is None:
                cache.memory_keys, cache.memory_values = self.cross_attention.keys_values(memory)
            mk, mv = cache.memory_keys, cache.memory_values
        y = self.norm_cross(y + self.dropout(self.cross_attention(y, mk, mv, memory_blocked)))
        return self.norm_feed_forward(y + self.dropout(self.feed_forward(y)))


def sinusoidal_table(length, dim):
    """PE[p, 2i] = sin(p / 10000^(2i/E)), PE[p, 2i+1] = cos(p / 10000^(2i/E))."""
    position = torch.arange(length, dtype=torch.float32)[:, None]
    inverse_frequency = torch.pow(10000.0, -torch.arange(0, dim, 2, dtype=torch.float32) / dim)
    angles = position * inverse_frequency[None, :]
    return torch.stack((angles.sin(), angles.cos()), dim=2).reshape(length, dim)


class Seq2SeqTransformer(nn.Module):
    def __init__(self, vocab, dim=256, heads=4, hidden=1024, encoder_layers=3, decoder_layers=3,
                 dropout=0.1, max_positions=512):
        super().__init__()
        self.dim = dim
        self.embedding = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.register_buffer("positions", sinusoidal_table(max_positions, dim), persistent=False)
        self.encoder = nn.ModuleList(EncoderBlock(dim, heads, hidden, dropout) for _ in range(encoder_layers))
        self.decoder = nn.ModuleList(DecoderBlock(dim, heads, hidden, dropout) for _ in range(decoder_layers))
        self.input_dropout = nn.Dropout(dropout)
        self._initialise()

    def _initialise(self):
        for parameter in self.parameters():
            if parameter.dim() == 2 and parameter is not self.embedding.weight:
                nn.init.xavier_uniform_(parameter)
        nn.init.normal_(self.embedding.weight, mean=0.0, std=self.dim ** -0.5)
        with torch.no_grad():
            self.embedding.weight[PAD].fill_(0.0)

    def _embed(self, ids, first_position=0):
        scaled = self.embedding(ids) * math.sqrt(self.dim)
        return self.input_dropout(scaled + self.positions[first_position:first_position + ids.shape[1]])

    def encode(self, source):
        """source: B,S ids (EOS-terminated, PAD-filled). Returns the memory and its key mask B,1,1,S."""
        padding = source.eq(PAD)[:, None, None, :]
        x = self._embed(source)
        for block in self.encoder:
            x = block(x, padding)
        return x, padding

    def decode(self, target_in, memory, memory_padding):
        """Teacher-forced decoder states for target_in (BOS-first, PAD-filled): B,T,E."""
        steps = target_in.shape[1]
        future = torch.triu(torch.ones(steps, steps, dtype=torch.bool), diagonal=1)
        blocked = future[None, None, :, :] | target_in.eq(PAD)[:, None, None, :]
        y = self._embed(target_in)
        for block in self.decoder:
            y = block(y, memory, blocked, memory_padding)
        return y

    def project(self, states):
        """Vocabulary logits: states times the shared embedding matrix (no bias)."""
        return affine(states, self.embedding.weight)

    def forward(self, source, target_in):
        memory, padding = self.encode(source)
        return self.project(self.decode(target_in, memory, padding))

    def new_caches(self):
        return [DecoderCache() for _ in self.decoder]

    def step(self, tokens, position, memory, memory_padding, caches):
        """One incremental decoder step: tokens B,1 at `position`; returns B,V logits."""
        y = self._embed(tokens, position)
        for block, cache in zip(self.decoder, caches):
            y = block(y, memory, None, memory_padding, cache)
        return self.project(y[:, -1])


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())
