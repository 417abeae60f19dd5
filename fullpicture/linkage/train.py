"""Training the Splink model without labels: prior from deterministic rules, u by random sampling,
m by expectation maximisation on two blocking passes (each pass learns the comparisons it does not
block on)."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker, block_on

from fullpicture.errors import LinkageError
from fullpicture.linkage.settings import DETERMINISTIC_RULES, settings_creator
from fullpicture.linkage.snapshot import count

_logger = logging.getLogger(__name__)

# Splink's own logging is chatty (a warning per comparison level that EM could not train, which
# is expected on small or clean data); our commands report progress and results themselves.
_LOG_LEVEL = logging.ERROR

# The deterministic rules find roughly this share of true links (NHS numbers are missing from
# about half of non-health records); used only to scale the prior.
_DETERMINISTIC_RECALL = 0.6


def _linker(
    con: duckdb.DuckDBPyConnection, settings: Any, table: str = "records", *, validate: bool = True
) -> Linker:
    db_api = DuckDBAPI(con)
    return Linker(
        db_api.register(table), settings, log_level=_LOG_LEVEL, validate_settings=validate
    )


def train_model(
    con: duckdb.DuckDBPyConnection,
    *,
    seed: int = 20240601,
    max_pairs: float = 1e6,
    u_pairs: float | None = None,
) -> dict[str, Any]:
    """Train the model on the ``records`` table of ``con``.

    Args:
        con: a DuckDB connection holding the snapshot's ``records`` table.
        seed: seed of the random sampling for u (reproducible models).
        max_pairs: cap on the pairs used by each EM pass.
        u_pairs: pairs sampled for u (default ``FULLPICTURE_LINKAGE_U_PAIRS`` or 100,000;
            300,000 took twice as long and gave the same F1 at 20k and 200k records).

    Returns:
        The trained model as a Splink settings dictionary (JSON-serialisable).

    Raises:
        LinkageError: there are too few records to train on.
    """
    total = count(con, "select count(*) from records")
    if total < 10:
        raise LinkageError(
            f"Only {total} source person records: too few to train a linkage model.",
            hint="Import the agencies' extracts first (fullpicture import ...).",
        )
    linker = _linker(con, settings_creator())
    training = linker.training
    training.estimate_probability_two_random_records_match(
        DETERMINISTIC_RULES, recall=_DETERMINISTIC_RECALL
    )
    u_pairs = u_pairs or float(os.environ.get("FULLPICTURE_LINKAGE_U_PAIRS", "1e5"))
    # One chunk per comparison: every comparison's u comes from all the sampled pairs, with no
    # probe and early-stopping rounds (at this sample size those ran some 70 small queries, and
    # stopped early on a smaller sample for the common levels).
    training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed, num_chunks=1)
    for rule in (block_on("nhs_number"), block_on("dob", "given_canon")):
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=max_pairs
            )
        except ValueError as exc:
            # A pass can degenerate on tiny or noise-free data (an m probability of exactly 0);
            # the other pass still estimates those comparisons.
            _logger.warning("EM pass blocked on %s skipped: %s", rule, exc)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return fill_untrained_levels(model, u_pairs)


def fill_untrained_levels(model: dict[str, Any], u_pairs: float) -> dict[str, Any]:
    """Give every level Splink could not estimate a probability, so that no pair is lost.

    Splink scores a level with no m or u probability as a missing (NULL) match weight, which
    drops every pair at that level from the predictions. That happened at a million records,
    where the random sample held no pair with the same NHS number or the same current
    postcode: every such pair vanished and recall fell from 0.99 to 0.97. A u never seen in
    ``u_pairs`` random pairs is set to ``1 / u_pairs`` (the largest value that is likely to
    show no hit, so the evidence is understated rather than overstated); an m that EM could not
    learn is set equal to u (a match weight of zero: the level neither helps nor hurts).

    Args:
        model: a Splink settings dictionary with trained parameters (changed in place).
        u_pairs: the number of random pairs u was estimated from.

    Returns:
        The same dictionary.
    """
    for comparison in model.get("comparisons", []):
        for level in comparison.get("comparison_levels", []):
            if level.get("is_null_level"):
                continue
            if not isinstance(level.get("u_probability"), float | int):
                level["u_probability"] = 1.0 / u_pairs
            if not isinstance(level.get("m_probability"), float | int):
                level["m_probability"] = level["u_probability"]
    return model


def model_to_json(model: dict[str, Any]) -> str:
    """Serialise a trained model for the store."""
    return json.dumps(model)


def linker_for(
    con: duckdb.DuckDBPyConnection, model: dict[str, Any], table: str = "records"
) -> Linker:
    """A Splink linker over ``table`` using a trained model (no retraining).

    The model's settings were validated when it was trained, so they are not checked again
    (that check parses every comparison's SQL and is a good part of a small incremental run).
    """
    return _linker(con, model, table, validate=False)
