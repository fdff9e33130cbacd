"""rpipp_gui.speech"""
