"""Prakat: procurement disclosure for Thai public schools."""
