"""What ``kg serve``'s query check (``kg.sparql_guard.check_query``) costs.

rdflib's SPARQL parser is pure Python, so the check parses only text that mentions
``service`` (or that is ambiguous to the bracket scanner); everything else pays the
bracket scan alone. Printed, for the named queries' text (the largest queries the project
has): rdflib's parse time, the check as it runs on them, the check of the same text made
to mention ``?service`` (parsed, then served from the cache), and the scan of a 5,000-level
query that is refused.

    python benchmarks/sparql_guard.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable

from rdflib.plugins.sparql.parser import parseQuery

from kg import sparql_guard
from kg.queries import named_queries


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs, each after the check's cache was emptied."""
    samples = []
    for _ in range(repeat):
        sparql_guard._checked_query.cache_clear()
        started = time.perf_counter()
        with contextlib.suppress(sparql_guard.GuardError):
            action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = max(1, min(args.repeat, 100))
    texts = {name: query.sparql for name, query in named_queries().items()}
    print(f"{'query':<22} {'chars':>6} {'rdflib parse':>13} {'check':>9} {'?service':>9}")
    parses, checks, mentions = [], [], []
    for name, text in texts.items():
        mentioning = text.replace("SELECT", "SELECT (1 AS ?service)", 1)
        parse = timed(lambda t=text: parseQuery(t), repeat)  # type: ignore[misc]
        check = timed(lambda t=text: sparql_guard.check_query(t), repeat)  # type: ignore[misc]
        mention = timed(lambda t=mentioning: sparql_guard.check_query(t), repeat)  # type: ignore[misc]
        parses.append(parse)
        checks.append(check)
        mentions.append(mention)
        print(f"{name:<22} {len(text):>6} {parse * 1e3:>10.1f} ms {check * 1e6:>6.0f} us "
              f"{mention * 1e3:>6.1f} ms")  # fmt: skip
    print(f"{'median':<22} {'':>6} {statistics.median(parses) * 1e3:>10.1f} ms "
          f"{statistics.median(checks) * 1e6:>6.0f} us "
          f"{statistics.median(mentions) * 1e3:>6.1f} ms")  # fmt: skip
    text = texts["who-blames-whom"].replace("SELECT", "SELECT (1 AS ?service)", 1)
    sparql_guard.check_query(text)
    started = time.perf_counter()
    sparql_guard.check_query(text)
    print(f"a cached check: {(time.perf_counter() - started) * 1e6:.1f} us")
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    refused = timed(lambda: sparql_guard.check_query(deep), repeat)
    print(f"a 5,000-level query refused after {refused * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
