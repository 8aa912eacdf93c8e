"""Extraction throughput on the development set, on one core, and peak memory.

Runs the whole pipeline (``kg.extract.extract_document``) over every development article
several times and prints articles per second; then compares, on the same texts, actor
recognition with the Aho-Corasick automaton (``kg.extract.mentions``) against the obvious
alternative: one compiled regular expression per alias, each scanned over the text; and
the time of a hostile run-on text at the length limit (``kg.extract.MAX_CHARS``).

    python benchmarks/extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import resource
import statistics
import time
from pathlib import Path

from kg.actors import ActorRegistry
from kg.extract import MAX_CHARS, extract_document
from kg.extract.batch import article_date
from kg.extract.mentions import MentionFinder
from kg.extract.normalize import normalize
from kg.extract.parse import MODEL_NAME, MODEL_VERSION, load_parser

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction" / "dev"


def naive_patterns(registry: ActorRegistry) -> list[re.Pattern[str]]:
    """One regex per label, as a first version would write it."""
    labels = {
        label
        for actor in registry
        for label in (actor.name, *actor.aliases, *actor.demonyms, *actor.metonyms)
    }
    return [re.compile(r"\b" + re.escape(label) + r"\b", re.I) for label in sorted(labels)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    articles = [(p, p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"no articles in {DEV}")
    registry = ActorRegistry.default()

    started = time.perf_counter()
    load_parser()
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    extract_document(articles[0][1], doc_id="warm-up", date=dt.date(2024, 1, 1))
    warm_up = time.perf_counter() - started + model_load

    timings = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for path, text in articles:
            extract_document(text, doc_id="bench", date=article_date(path))
        timings.append(time.perf_counter() - started)
    per_round = statistics.median(timings)
    rate = len(articles) / per_round

    texts = [normalize(text).text for _, text in articles]
    finder = MentionFinder.for_registry(registry)
    started = time.perf_counter()
    for _ in range(args.rounds):
        for text in texts:
            finder.find(text)
    automaton = (time.perf_counter() - started) / (args.rounds * len(texts))
    patterns = naive_patterns(registry)
    started = time.perf_counter()
    for _ in range(args.rounds):
        for text in texts:
            for pattern in patterns:
                for _match in pattern.finditer(text):
                    pass
    naive = (time.perf_counter() - started) / (args.rounds * len(texts))

    # A hostile text at the limit: one run-on "sentence" of a million characters, every
    # few words a trigger and two actors. The parser is skipped on such a sentence.
    run_on = ("Moscow condemned Kyiv and " * (MAX_CHARS // 26))[:MAX_CHARS]
    started = time.perf_counter()
    extract_document(run_on, doc_id="run-on")
    adversarial = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles)} (dev set), rounds: {args.rounds}, one core")
    print(f"parser model load ({MODEL_NAME} {MODEL_VERSION}): {model_load * 1000:.0f} ms")
    print(
        "first call (parser model, spaCy sentencizer, lexicon, automata, gazetteer): "
        f"{warm_up * 1000:.0f} ms"
    )
    print(f"pipeline: {rate:.1f} articles/s ({per_round / len(articles) * 1000:.2f} ms/article)")
    print(f"actor recognition, Aho-Corasick automaton: {automaton * 1000:.3f} ms/article")
    print(
        f"actor recognition, one regex per alias ({len(patterns)} regexes): "
        f"{naive * 1000:.3f} ms/article"
    )
    print(f"ratio naive/automaton: {naive / automaton:.1f}x")
    print(f"a run-on text of {MAX_CHARS:,} characters (the limit): {adversarial:.1f} s")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
