#!/usr/bin/env python3
"""Reference implementation of the assessment method (docs: ../shared/docs/method.md) with pandas and numpy.

The benchmark runs it side by side with the C# CLI on the same files and checks that both give the same weights
(to 1e-9), composites and yearly statistics. Same inputs and default options as `Resilience.Cli score`:

    reference.py score <indicator csv files...> --catalog catalog.csv --cities cities.csv [--emissions co2.csv] --out DIR

Computes: linear/nearest imputation (cross-city mean for a city without values), pooled direction-aware min-max,
entropy weights (shift 0.0001), dimension scores and indices, composite, TOPSIS, CCD (classic, revised, Fan; four
dimensions and the economic-ecological pair), top-3 obstacles, yearly mean/SD/CV/Gini/Theil with region
decomposition, city growth, CO2 yearly means and Tapio states, equal and CRITIC weightings with ranks.
Writes scores.csv, weights.csv and yearly.csv (floats in shortest round-trip form).
"""
import argparse
import os
import sys
import time

import numpy as np
import pandas as pd

SHIFT = 1e-4
TOP_OBSTACLES = 3
PAIR = ("economic", "ecological")


def log(message, started):
    print(f"{message} ({(time.perf_counter() - started) * 1000:.0f} ms)", file=sys.stderr)


def fill_series(values, years):
    """Linear interpolation along axis 1 inside each series, nearest value at the ends; all-NaN series stay NaN."""
    n_years = values.shape[1]
    valid = ~np.isnan(values)
    shape = [1] * values.ndim
    shape[1] = n_years
    index = np.arange(n_years).reshape(shape)
    previous = np.maximum.accumulate(np.where(valid, index, -1), axis=1)
    following = np.flip(np.minimum.accumulate(np.flip(np.where(valid, index, n_years), axis=1), axis=1), axis=1)
    p = np.clip(previous, 0, n_years - 1)
    q = np.clip(following, 0, n_years - 1)
    v0 = np.take_along_axis(values, p, axis=1)
    v1 = np.take_along_axis(values, q, axis=1)
    y0, y1, yt = years[p], years[q], np.broadcast_to(years.reshape(shape), values.shape)
    with np.errstate(all="ignore"):
        inside = v0 + (v1 - v0) * (yt - y0) / (y1 - y0)
    filled = np.where(previous < 0, v1, np.where(following >= n_years, v0, inside))
    return np.where(valid, values, filled)


def entropy_weights(shifted, constant):
    n = shifted.shape[0]
    column_sum = shifted.sum(axis=0)
    with np.errstate(all="ignore"):
        p = shifted / column_sum
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)
    k = 1 / np.log(n) if n > 1 else 0.0
    entropy = -k * plogp.sum(axis=0)
    entropy[constant | (column_sum <= 0)] = 1.0
    if n < 2:
        entropy[:] = 1.0
    divergence = 1 - entropy
    total = divergence.sum()
    weights = divergence / total if total > 0 else np.full(len(divergence), 1 / len(divergence))
    return entropy, divergence, weights


def critic_weights(normalised):
    sd = normalised.std(axis=0)
    with np.errstate(all="ignore"):
        correlation = np.nan_to_num(np.corrcoef(normalised.T), nan=0.0)
    np.fill_diagonal(correlation, 1.0)
    information = np.where(sd > 0, sd * (1 - correlation).sum(axis=1), 0.0)
    total = information.sum()
    return information / total if total > 0 else np.full(len(sd), 1 / len(sd))


def ranks_within_years(composite, n_cities, n_years):
    """1 = highest composite in its year; ties in city order (as Ranking.Descending)."""
    by_year = composite.reshape(n_cities, n_years)
    ranks = np.empty_like(by_year, dtype=np.int64)
    cities = np.arange(n_cities)
    for t in range(n_years):
        order = np.lexsort((cities, -by_year[:, t]))
        ranks[order, t] = np.arange(1, n_cities + 1)
    return ranks.reshape(-1)


def coupling(u):
    """Classic, revised (Wang et al. 2021) and Fan C with equal T for each row of u (rows × systems)."""
    n = u.shape[1]
    t = u.mean(axis=1)
    with np.errstate(all="ignore"):
        classic = np.where((u > 0).all(axis=1) & (t > 0), np.exp(np.log(np.where(u > 0, u, 1)).sum(axis=1) / n) / t, 0.0)
        top = u.max(axis=1)
        gaps = sum(np.abs(u[:, i] - u[:, j]) for i in range(n) for j in range(i + 1, n))
        balance = np.maximum(0, 1 - gaps / (n * (n - 1) / 2))
        development = np.prod(u / top[:, None], axis=1) ** (1 / (n - 1))
        revised = np.where(top > 0, np.sqrt(balance * development), 0.0)
    spread = np.maximum(0, (n * (u ** 2).sum(axis=1) - u.sum(axis=1) ** 2) / n ** 2)
    fan = np.clip(1 - 2 * np.sqrt(spread), 0, 1)
    d = lambda c: np.sqrt(np.maximum(0, c * t))
    return d(classic), d(revised), d(fan)


def gini(y):
    y = np.sort(y)
    n = len(y)
    mean = y.mean()
    if n == 0 or mean == 0:
        return 0.0
    return 2 * ((2.0 * np.arange(1, n + 1) - n - 1) * y).sum() / (2.0 * n * n * mean)


def theil(y):
    mean = y.mean()
    if len(y) == 0 or mean <= 0:
        return 0.0
    r = y[y > 0] / mean
    return (r * np.log(r)).sum() / len(y)


def tapio(growth_r, growth_c):
    with np.errstate(all="ignore"):
        e = growth_c / growth_r
    defined = np.isfinite(growth_r) & np.isfinite(growth_c) & (growth_r != 0)
    below, above = e < 0.8 - 1e-9, e > 1.2 + 1e-9
    state = np.where(growth_r > 0,
                     np.where(e < 0, "strong_decoupling", np.where(below, "weak_decoupling",
                              np.where(above, "expansive_negative_decoupling", "expansive_coupling"))),
                     np.where(e < 0, "strong_negative_decoupling", np.where(below, "weak_negative_decoupling",
                              np.where(above, "recessive_decoupling", "recessive_coupling"))))
    return np.where(defined, e, np.nan), np.where(defined, state, "undefined")


def growth(previous, current):
    with np.errstate(all="ignore"):
        return np.where(previous != 0, (current - previous) / previous, np.nan)


def main():
    started = time.perf_counter()
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["score"])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--cities", required=True)
    parser.add_argument("--emissions")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    catalog = pd.read_csv(args.catalog, dtype=str)
    ids = list(catalog.indicator_id)
    dimensions = list(dict.fromkeys(catalog.dimension))
    dimension_of = np.array([dimensions.index(d) for d in catalog.dimension])
    benefit = (catalog.direction.str.strip() == "+").to_numpy()
    regions = pd.read_csv(args.cities, dtype=str).set_index("city_id")["region"]
    data = pd.concat([pd.read_csv(f, dtype={"city_id": str}) for f in args.files], ignore_index=True)
    log(f"read {len(args.files)} indicator files: {len(data)} rows", started)

    city_ids = np.array(sorted(data.city_id.unique()))
    years = np.array(sorted(data.year.unique()))
    n, n_years, m = len(city_ids), len(years), len(ids)
    cube = np.full((n, n_years, m), np.nan)
    cube[np.searchsorted(city_ids, data.city_id), np.searchsorted(years, data.year), :] = data[ids].to_numpy(dtype=float)

    # Imputation: all-missing indicator → 0; linear/nearest inside each city's series; cross-city mean for empty series.
    cube[:, :, np.isnan(cube).all(axis=(0, 1))] = 0.0
    cube = fill_series(cube, years.astype(float))
    empty = np.isnan(cube).all(axis=1)  # (city, indicator)
    if empty.any():
        year_mean = np.nanmean(cube, axis=0)  # (year, indicator) over cities with values
        cube = np.where(np.isnan(cube), year_mean[None, :, :], cube)

    raw = cube.reshape(n * n_years, m)
    low, high = raw.min(axis=0), raw.max(axis=0)
    spread = high - low
    constant = ~(spread > 0)
    with np.errstate(all="ignore"):
        normalised = np.where(benefit, (raw - low) / spread, (high - raw) / spread)
    normalised[:, constant] = 0.0
    shifted = normalised + SHIFT
    entropy, divergence, weights = entropy_weights(shifted, constant)

    membership = np.zeros((m, len(dimensions)))
    membership[np.arange(m), dimension_of] = 1.0
    dimension_weight = weights @ membership
    score = (shifted * weights) @ membership
    with np.errstate(all="ignore"):
        index = np.where(dimension_weight > 0, score / dimension_weight, 0.0)
    composite = shifted @ weights

    weighted = normalised * weights
    d_plus = np.sqrt(((weighted - weighted.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - weighted.min(axis=0)) ** 2).sum(axis=1))
    with np.errstate(all="ignore"):
        closeness = np.where(d_plus + d_minus > 0, d_minus / (d_plus + d_minus), 0.0)
    ccd_classic, ccd_revised, _ = coupling(index)
    pair = [dimensions.index(PAIR[0]), dimensions.index(PAIR[1])] if all(p in dimensions for p in PAIR) else [0, 1]
    pair_classic, pair_revised, _ = coupling(index[:, pair])

    degree = weights * (1 - normalised)
    total = degree.sum(axis=1, keepdims=True)
    with np.errstate(all="ignore"):
        degree = np.where(total > 0, degree / total * 100, 0.0)
    top = np.argsort(-degree, axis=1, kind="stable")[:, :TOP_OBSTACLES]

    ranks = ranks_within_years(composite, n, n_years)
    equal_weights = np.full(m, 1 / m)
    critic = critic_weights(normalised)
    rank_equal = ranks_within_years(shifted @ equal_weights, n, n_years)
    rank_critic = ranks_within_years(shifted @ critic, n, n_years)

    by_city = composite.reshape(n, n_years)
    city_growth = np.full((n, n_years), np.nan)
    city_growth[:, 1:] = growth(by_city[:, :-1], by_city[:, 1:])
    city_region = regions.reindex(city_ids).fillna("unknown").to_numpy()

    yearly = []
    for t in range(n_years):
        y = by_city[:, t]
        mean = y.mean()
        total_theil = theil(y)
        within = between = 0.0
        for region in sorted(set(city_region)):
            members = y[city_region == region]
            share = len(members) * members.mean() / (n * mean) if mean != 0 else 0.0
            within += share * theil(members)
            if members.mean() > 0 and mean > 0:
                between += share * np.log(members.mean() / mean)
        sd = y.std()
        yearly.append({
            "year": years[t], "n": n, "mean": mean, "sd": sd, "cv": sd / mean if mean != 0 else 0.0,
            "min": y.min(), "max": y.max(), "gini": gini(y), "theil": total_theil, "theil_within": within,
            "theil_between": between, "theil_between_share": between / total_theil if total_theil != 0 else 0.0,
            "topsis_mean": closeness.reshape(n, n_years)[:, t].mean(),
            "ccd_classic_d_mean": ccd_classic.reshape(n, n_years)[:, t].mean(),
            "ccd_revised_d_mean": ccd_revised.reshape(n, n_years)[:, t].mean(),
        })

    scores = pd.DataFrame({
        "city_id": np.repeat(city_ids, n_years), "region": np.repeat(city_region, n_years), "year": np.tile(years, n),
        "composite": composite, "rank": ranks, "growth": city_growth.reshape(-1),
    })
    for k, dimension in enumerate(dimensions):
        scores[f"{dimension}_score"] = score[:, k]
        scores[f"{dimension}_index"] = index[:, k]
    scores["topsis"] = closeness
    scores["ccd_classic_d"] = ccd_classic
    scores["ccd_revised_d"] = ccd_revised
    scores["ccd_pair_classic_d"] = pair_classic
    scores["ccd_pair_revised_d"] = pair_revised
    indicator_ids = np.array(ids)
    for r in range(TOP_OBSTACLES):
        scores[f"obstacle_{r + 1}"] = indicator_ids[top[:, r]]
        scores[f"obstacle_{r + 1}_degree"] = np.take_along_axis(degree, top[:, r:r + 1], axis=1)[:, 0]

    if args.emissions:
        emissions = pd.read_csv(args.emissions, dtype={"city_id": str})
        co2 = np.full((n, n_years), np.nan)
        known = emissions.city_id.isin(city_ids) & emissions.year.isin(years)
        emissions = emissions[known]
        co2[np.searchsorted(city_ids, emissions.city_id), np.searchsorted(years, emissions.year)] = emissions.co2.to_numpy(dtype=float)
        co2 = fill_series(co2, years.astype(float))
        has = ~np.isnan(co2)
        co2_mean = np.array([co2[has[:, t], t].mean() for t in range(n_years)])
        resilience_mean = np.array([by_city[has[:, t], t].mean() for t in range(n_years)])
        co2_growth = np.concatenate([[np.nan], growth(co2_mean[:-1], co2_mean[1:])])
        r_growth = np.concatenate([[np.nan], growth(resilience_mean[:-1], resilience_mean[1:])])
        e_yearly, state_yearly = tapio(r_growth, co2_growth)
        for t, row in enumerate(yearly):
            row.update({"co2_mean": co2_mean[t], "co2_total": co2[has[:, t], t].sum(), "co2_growth": co2_growth[t],
                        "tapio_e": e_yearly[t] if t > 0 else np.nan, "tapio_state": state_yearly[t] if t > 0 else ""})
        e_city, state_city = tapio(growth(by_city[:, :-1], by_city[:, 1:]), growth(co2[:, :-1], co2[:, 1:]))
        e_full = np.full((n, n_years), np.nan)
        state_full = np.full((n, n_years), "", dtype=object)
        e_full[:, 1:], state_full[:, 1:] = e_city, state_city
        scores["tapio_e"] = e_full.reshape(-1)
        scores["tapio_state"] = state_full.reshape(-1)
    scores["rank_equal"] = rank_equal
    scores["rank_critic"] = rank_critic
    log(f"assessed {n * n_years} city-years x {m} indicators", started)

    os.makedirs(args.out, exist_ok=True)
    scores.to_csv(os.path.join(args.out, "scores.csv"), index=False)
    pd.DataFrame({
        "indicator_id": ids, "dimension": catalog.dimension, "direction": catalog.direction, "min": low, "max": high,
        "entropy": entropy, "divergence": divergence, "weight": weights, "weight_equal": equal_weights, "weight_critic": critic,
    }).to_csv(os.path.join(args.out, "weights.csv"), index=False)
    pd.DataFrame(yearly).to_csv(os.path.join(args.out, "yearly.csv"), index=False)
    log(f"wrote 3 files to {args.out}", started)


if __name__ == "__main__":
    main()
