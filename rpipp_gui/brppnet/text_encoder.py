"""The text encoder: word embeddings -> bidirectional GRU (directions summed) -> word attention.

Tokens are long [B,T] with 0 as padding. Padding never reaches the GRU (packed sequences) and gets no
attention weight. The original computes one attention weight per word *and channel* (a tanh dense layer
as wide as the GRU, softmax over the words), then sums the weighted GRU outputs over the words.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from rpipp_gui.brppnet.dims import BRPPNetDims


class TextEncoder(nn.Module):
    """tokens [B,T] long (0 = padding) -> (sentence [B,rnn_hidden] float, words [B,T,rnn_hidden] float).

    An all-padding row (empty sentence) yields a zero sentence vector.
    """

    def __init__(self, dims: BRPPNetDims):
        super().__init__()
        self.hidden = dims.rnn_hidden
        self.embedding = nn.Embedding(dims.vocab_size, dims.embed_dim, padding_idx=0)
        self.dropout = nn.Dropout(dims.dropout)
        self.gru = nn.GRU(dims.embed_dim, dims.rnn_hidden, batch_first=True, bidirectional=True)
        self.attention = (
            nn.Sequential(nn.Linear(dims.rnn_hidden, dims.rnn_hidden), nn.Tanh(), nn.Dropout(dims.dropout))
            if dims.word_attention
            else None
        )

    def load_vectors(self, vectors: np.ndarray) -> None:
        """Copy pretrained embeddings: vectors [vocab_size, embed_dim] float; row 0 stays zero."""
        weight = self.embedding.weight
        if tuple(vectors.shape) != tuple(weight.shape):
            raise ValueError(f"word vectors have shape {vectors.shape}, need {tuple(weight.shape)}")
        with torch.no_grad():
            weight.copy_(torch.as_tensor(vectors, dtype=weight.dtype))
            weight[0].zero_()

    def forward(self, tokens: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        b, t = tokens.shape
        valid = tokens != 0
        lengths = valid.sum(dim=1)
        emb = self.dropout(self.embedding(tokens))
        # pack_padded_sequence needs length >= 1: an empty sentence is run as one padding token,
        # whose output is masked away below.
        packed = pack_padded_sequence(emb, lengths.clamp(min=1).cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.gru(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=t)
        words = out[..., : self.hidden] + out[..., self.hidden :]
        mask = valid.unsqueeze(-1)
        words = words * mask
        if self.attention is None:
            return words.sum(dim=1), words
        scores = self.attention(words).masked_fill(~mask, float("-inf"))
        weights = torch.softmax(scores, dim=1).nan_to_num(0.0)  # all -inf rows -> 0
        return (weights * words).sum(dim=1), words
