"""RPIPP: referring personal image privacy protection.

Hide the person you name in a photo, offline. The Qt-free core lives in the sub-packages
(imaging, people, referring, brppnet, speech, session); the desktop app in ``rpipp_gui.ui``;
the command line in ``rpipp_gui.cli``.
"""

__version__ = "0.1.0"
