"""rpipp_gui.imaging"""
