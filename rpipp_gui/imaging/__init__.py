"""Image I/O (orientation, colour, metadata), mask operations, protection styles and export.

Qt-free and torch-free: numpy arrays in and out (HxWx3 uint8 RGB photos, HxW bool masks).
"""

from rpipp_gui.imaging import masks
from rpipp_gui.imaging.export import ExportOptions, default_output_path, export_image
from rpipp_gui.imaging.info import ImageInfo, read_info
from rpipp_gui.imaging.loading import LoadedImage, load_image
from rpipp_gui.imaging.masks import load_mask, save_mask
from rpipp_gui.imaging.opening import DEFAULT_MAX_PIXELS
from rpipp_gui.imaging.styles import STYLES, StyleOptions, apply_style

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "STYLES",
    "ExportOptions",
    "ImageInfo",
    "LoadedImage",
    "StyleOptions",
    "apply_style",
    "default_output_path",
    "export_image",
    "load_image",
    "load_mask",
    "masks",
    "read_info",
    "save_mask",
]
