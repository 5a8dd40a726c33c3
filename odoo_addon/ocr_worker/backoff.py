# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retry delays of failed OCR jobs."""
import random

BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 3600
BACKOFF_JITTER = 0.2  # +/- 20 %, so that jobs failed together do not retry together


def backoff_delay(attempts, rng=random):
    """Seconds to wait before the next attempt after ``attempts`` tries.

    30 s * 2^(attempts-1), capped at one hour, with +/- 20 % jitter.
    """
    exponent = max(int(attempts), 1) - 1
    base = min(BACKOFF_BASE_SECONDS * (2 ** min(exponent, 20)), BACKOFF_CAP_SECONDS)
    return base * rng.uniform(1 - BACKOFF_JITTER, 1 + BACKOFF_JITTER)
