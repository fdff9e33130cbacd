"""rpipp_gui.session"""
