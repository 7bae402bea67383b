"""Synthetic annual reports: seeded records with known values, rendered into every layout the parser reads."""

from synth.identities import RULES, failing_rules
from synth.records import generate
from synth.render import LAYOUTS, render

__all__ = ["LAYOUTS", "RULES", "failing_rules", "generate", "render"]
