"""Hypothesis profiles: "ci" (500 examples, the default) and "long" (20,000 examples),
chosen with SHAPELINT_HYPOTHESIS_PROFILE=long."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("SHAPELINT_HYPOTHESIS_PROFILE", "ci"))
