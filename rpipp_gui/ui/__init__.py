"""rpipp_gui.ui"""
