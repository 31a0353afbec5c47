"""Parlons analysis: tallies, text coding, word clouds and exports.

Plain Python over SQLAlchemy; never imports Flask, so the web dashboard and
the command line call the same functions.
"""
