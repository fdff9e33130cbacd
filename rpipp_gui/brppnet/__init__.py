"""rpipp_gui.brppnet"""
