"""The app's output, for both front ends: the protected preview, the exported copy, the exported mask.

These functions take a ``Snapshot`` (copies), so they can run on any thread while the user keeps
editing. Exports never overwrite the original photo.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ExportError
from rpipp_gui.session.snapshot import Snapshot

log = logging.getLogger(__name__)


def render(snapshot: Snapshot, max_side: int | None = None, keep: np.ndarray | None = None) -> np.ndarray:
    """The protected photo, HxWx3 uint8 RGB; with ``max_side``, downscaled first (a fast preview).

    Downscaled previews scale the style's pixel sizes (feather) with the photo so they look alike.
    keep: ``kept(snapshot)`` when the caller has it already (else computed here).
    """
    from rpipp_gui.imaging.styles import apply_style

    rgb, mask, style = snapshot.rgb, snapshot.mask, snapshot.style
    if not mask.any():
        return rgb
    keep = kept(snapshot) if keep is None else keep
    h, w = mask.shape
    if max_side is not None and max(h, w) > max_side:
        import dataclasses

        from PIL import Image

        scale = max_side / max(h, w)
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        rgb = np.asarray(Image.fromarray(rgb).resize(size, Image.BILINEAR))
        mask = np.asarray(Image.fromarray(mask).resize(size, Image.NEAREST), dtype=bool)
        if keep is not None:
            keep = np.asarray(Image.fromarray(keep).resize(size, Image.NEAREST), dtype=bool)
        if getattr(style, "feather_px", 0):
            style = dataclasses.replace(style, feather_px=style.feather_px * scale)
    return apply_style(rgb, mask, style, keep)


def kept(snapshot: Snapshot) -> np.ndarray | None:
    """HxW bool or None: the pixels of the snapshot's people its mask leaves visible, which the
    cover outline must not take (``decision.kept_region``); None without people or a cover."""
    if not snapshot.people or getattr(snapshot.style, "outline", "exact") != "cover":
        return None
    from rpipp_gui.app.decision import kept_region

    return kept_region(snapshot.mask, snapshot.people)


def export(snapshot: Snapshot, out_path: str | Path, options=None) -> Path:
    """Render the protected copy at full resolution and write it with metadata stripped.

    options: imaging.export.ExportOptions or None. Raises ExportError when ``out_path`` is the
    original photo or cannot be written.
    """
    from rpipp_gui.imaging.export import export_image

    out = Path(out_path)
    if snapshot.source is not None and _same_file(out, snapshot.source):
        raise ExportError(f"refusing to overwrite the original photo {snapshot.source}; pick another name")
    protected = render(snapshot)
    kwargs = {"source": snapshot.source, "alpha": snapshot.alpha, "icc_profile": snapshot.icc_profile}
    if options is not None:
        kwargs["options"] = options
    result = export_image(protected, out, **kwargs)
    written = Path(result) if result is not None else out
    hidden = int(snapshot.mask.sum())
    log.info("exported %s (%d pixels hidden, style %s)", written, hidden, snapshot.style.style)
    return written


def privacy_check(snapshot: Snapshot, people) -> list[str]:
    """The check before export: render the protected copy and search it for the people (a Person
    list) that the mask hides. Returns one message per hidden person still detected ("person #2:
    a face can still be detected ..."), empty when nobody is. Slow (the detectors run): a worker
    call."""
    from rpipp_gui.imaging.styles import hidden_region
    from rpipp_gui.people.privacy import check_protected

    if not snapshot.mask.any() or not people:
        return []
    keep = kept(snapshot)
    region = hidden_region(snapshot.mask, snapshot.style, keep)
    result = check_protected(render(snapshot, keep=keep), people, region)
    return result.messages()[: len(result.leaks)]


def export_mask(snapshot: Snapshot, out_path: str | Path) -> Path:
    """Write the mask as a black/white PNG (white = hidden) at the photo's resolution."""
    from rpipp_gui.imaging.masks import save_mask

    out = Path(out_path)
    if snapshot.source is not None and _same_file(out, snapshot.source):
        raise ExportError(f"refusing to overwrite the original photo {snapshot.source} with a mask")
    save_mask(out, snapshot.mask)
    log.info("mask saved to %s", out)
    return out


def _same_file(a: Path, b: Path) -> bool:
    from rpipp_gui.imaging.export import is_same_file

    return is_same_file(a, b)
