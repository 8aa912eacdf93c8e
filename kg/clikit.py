"""The command line's shared parts under their first name: see :mod:`kg.cli.kit`."""

from kg.cli.kit import (
    DEFAULT_STORE,
    OutputFormat,
    StoreOption,
    err,
    fail,
    opened,
    out,
    print_results,
    reported_errors,
    stdout_is_terminal,
)

__all__ = [
    "DEFAULT_STORE",
    "OutputFormat",
    "StoreOption",
    "err",
    "fail",
    "opened",
    "out",
    "print_results",
    "reported_errors",
    "stdout_is_terminal",
]
