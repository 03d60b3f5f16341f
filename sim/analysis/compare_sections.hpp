#pragma once
// The sections of a comparison, each computed from an opened RunPair. Internal to
// compare.cpp; split so that each metric family reads as one unit.
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/run_pair.hpp"

namespace defsim::detail {

// Headline rows: one per final good, plant or route (CompareOptions::by).
std::vector<EntityEffect> entity_effects(const RunPair& pair, CompareBy by);

// Shares of plant-days per binding constraint, all plants together or (by == plant) per plant.
std::vector<ConstraintShare> constraint_shares(const RunPair& pair, const Windows& windows, CompareBy by);

// Import volumes, bills and price premiums per imported good and per route.
std::vector<ImportFlow> import_flows(const RunPair& pair, const Windows& windows);

// Sum over the periods [from, to) of column i, per pair: (pairs) values.
std::vector<double> window_sums(const std::vector<double>& values, const PairedSeries& s, std::size_t i,
                                std::size_t from, std::size_t to);

}  // namespace defsim::detail
