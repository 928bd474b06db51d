"""The ITA self-check: the assessment's procurement items as dated data per assessment year and variant
(prakat.ita.seed ships them; a school's admin edits them), and the check of a school's published
records against them (prakat.ita.check)."""
