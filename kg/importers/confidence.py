"""How much to trust a dataset record: a number in [0, 1] on every coded event.

The datasets give no calibrated probability, so the confidence is a simple, documented
rule, the same for every record of a dataset, rising with the number of independent
sources that report the event:

* GDELT (machine-coded from news): ``1 - 0.5 ** NumSources`` (one source 0.5, two 0.75,
  three 0.875);
* ICEWS (machine-coded, one sentence of one story per record): 0.5;
* PLOVER/POLECAT: the record's own ``confidence`` when it has one, else 0.5;
* ACLED (coded by researchers from the sources it names): ``1 - 0.2 ** sources``
  (one source 0.8, two 0.96).

>>> from_sources(1), from_sources(3), from_sources(2, per_source=0.8)
(0.5, 0.875, 0.96)
"""

from __future__ import annotations

__all__ = ["DEFAULT", "from_sources"]

#: The confidence of a machine-coded record from one source.
DEFAULT = 0.5


def from_sources(sources: int | None, *, per_source: float = 0.5) -> float:
    """``1 - (1 - per_source) ** sources``, at least one source, rounded to 3 decimals."""
    count = max(sources or 1, 1)
    return round(1.0 - (1.0 - per_source) ** count, 3)
