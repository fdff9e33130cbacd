"""BRPPNet (Lin et al., ESWA 2023) in PyTorch: network, Balanced-BCE loss, data, training, evaluation.

Importing this package imports torch; the rest of the app imports it lazily.
"""

from rpipp_gui.brppnet.dims import BRPPNetDims
from rpipp_gui.brppnet.loss import balanced_bce, bce, get_loss, weighted_logistic
from rpipp_gui.brppnet.model import BRPPNet

__all__ = ["BRPPNet", "BRPPNetDims", "balanced_bce", "bce", "get_loss", "weighted_logistic"]
