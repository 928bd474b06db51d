"""Accounts of a school: who signs in, with which role."""
