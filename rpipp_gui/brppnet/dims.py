"""The dimensions of a BRPPNet: one frozen dataclass, stored in every checkpoint.

``BRPPNetDims()`` gives the paper's network (416x416 input, Darknet-53, 300-d word embeddings, a
bidirectional GRU of hidden size 1024, a 256-wide decoder, logits at stride 2). The same fields shrink it
for a CPU: fewer channels per Darknet stage, fewer residual blocks, smaller embeddings and GRU.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

DARKNET53_WIDTHS = (64, 128, 256, 512, 1024)
DARKNET53_BLOCKS = (1, 2, 8, 8, 4)


@dataclass(frozen=True)
class BRPPNetDims:
    """Sizes of every part of the network.

    input_size:     side of the square letterboxed input, a multiple of 32 (416 in the paper).
    vocab_size:     rows of the word-embedding table, padding index 0 and ``<unk>`` included.
    max_words:      longest sentence in tokens; longer sentences are cut (15-20 in the original configs).
    embed_dim:      word-embedding size (300 = GloVe / spaCy vectors).
    rnn_hidden:     hidden size of each GRU direction; the two directions are summed.
    word_attention: True: tanh-dense word attention pools the GRU outputs; False: plain sum over words.
    stem_width:     channels of Darknet's first 3x3 convolution (32).
    stage_widths:   output channels of Darknet's five downsampling stages (strides 2..32).
    stage_blocks:   residual blocks in each stage (1, 2, 8, 8, 4 for Darknet-53).
    hidden_dim:     width of the ASPP output and of the mask head.
    aspp_width:     channels of each ASPP branch.
    aspp_dilations: dilation rates of the three 3x3 ASPP branches.
    output_stride:  1, 2, 4 or 8: the logits are (input_size / output_stride) square.
    dropout:        dropout on the GRU input and the word attention while training.
    """

    input_size: int = 416
    vocab_size: int = 1000
    max_words: int = 20
    embed_dim: int = 300
    rnn_hidden: int = 1024
    word_attention: bool = True
    stem_width: int = 32
    stage_widths: tuple[int, ...] = DARKNET53_WIDTHS
    stage_blocks: tuple[int, ...] = DARKNET53_BLOCKS
    hidden_dim: int = 256
    aspp_width: int = 256
    aspp_dilations: tuple[int, ...] = (6, 12, 18)
    output_stride: int = 2
    dropout: float = 0.1

    def __post_init__(self) -> None:
        # JSON round-trips give lists; keep tuples so the dataclass stays hashable and comparable.
        for name in ("stage_widths", "stage_blocks", "aspp_dilations"):
            object.__setattr__(self, name, tuple(int(v) for v in getattr(self, name)))
        problems = []
        if self.input_size <= 0 or self.input_size % 32:
            problems.append(f"input_size must be a positive multiple of 32, got {self.input_size}")
        if len(self.stage_widths) != 5 or len(self.stage_blocks) != 5:
            problems.append("stage_widths and stage_blocks need 5 entries (Darknet's five stages)")
        if any(w <= 0 or w % 2 for w in self.stage_widths) or self.stem_width <= 0:
            problems.append(f"Darknet widths must be positive and even, got {self.stage_widths}")
        if any(b < 0 for b in self.stage_blocks):
            problems.append(f"stage_blocks must be >= 0, got {self.stage_blocks}")
        if self.output_stride not in (1, 2, 4, 8):
            problems.append(f"output_stride must be 1, 2, 4 or 8, got {self.output_stride}")
        if self.vocab_size < 2:
            problems.append("vocab_size must leave room for padding (0) and <unk> (1)")
        if min(self.max_words, self.embed_dim, self.rnn_hidden, self.hidden_dim, self.aspp_width) <= 0:
            problems.append("max_words, embed_dim, rnn_hidden, hidden_dim and aspp_width must be positive")
        if len(self.aspp_dilations) != 3:
            problems.append(f"aspp_dilations needs three rates, got {self.aspp_dilations}")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def output_size(self) -> int:
        """Side of the logits map."""
        return self.input_size // self.output_stride

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> BRPPNetDims:
        """Inverse of ``to_dict``; raises ValueError naming unknown keys."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown BRPPNet dimension(s): {', '.join(unknown)}")
        return cls(**data)

    @classmethod
    def scaled(
        cls,
        width: float = 1.0,
        blocks: tuple[int, ...] = DARKNET53_BLOCKS,
        **overrides,
    ) -> BRPPNetDims:
        """Darknet-53 with every convolution width multiplied by ``width`` (rounded to an even
        number, at least 4) and ``blocks`` residual blocks per stage; other fields by keyword."""

        def even(c: int) -> int:
            return max(4, int(round(c * width / 2)) * 2)

        return cls(
            stem_width=even(32),
            stage_widths=tuple(even(c) for c in DARKNET53_WIDTHS),
            stage_blocks=tuple(blocks),
            **overrides,
        )
