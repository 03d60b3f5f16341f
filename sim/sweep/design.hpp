#pragma once
// Sampling designs for parameter sweeps, in the unit cube: rows are points, columns are
// parameters, values in [0,1) unless said otherwise (Morris and grid reach 1). Marginals
// (sweep/marginal.hpp) map the columns to parameter values. Random designs are
// deterministic functions of their seed, drawn from defsim::RandomStream with
// Purpose::design_sampling; the formulas are in docs/SENSITIVITY.md.
#include <Eigen/Dense>

#include <cstdint>
#include <vector>

#include "sweep/sobol_sequence.hpp"

namespace defsim::sweep {

using UnitPoints = Eigen::MatrixXd;  // rows = points, cols = parameters, values in [0,1)

// Independent uniform points. Row i depends only on (seed, i), so a longer design extends a
// shorter one with the same seed.
UnitPoints random_points(std::int64_t n, int d, std::uint64_t seed);

// Latin hypercube (McKay, Beckman and Conover 1979): each column has exactly one point in
// each stratum [k/n, (k+1)/n), at a uniform position inside it; strata are paired across
// columns by independent random permutations.
UnitPoints latin_hypercube(std::int64_t n, int d, std::uint64_t seed);

// Points skip .. skip+n-1 of the unscrambled Sobol' sequence (Joe–Kuo direction numbers).
// Throws std::invalid_argument if d > max_sobol_dimensions() or skip + n > 2^32.
UnitPoints sobol_points(std::int64_t n, int d, std::int64_t skip = 0);

// Saltelli (2010) scheme, SALib's row order: for base row j in [0,n): row j*(d+2) = A_j,
// rows j*(d+2)+1..+d = AB_j^(i) (A_j with column i taken from B_j), row j*(d+2)+d+1 = B_j.
// A and B are the first and last d columns of sobol_points(n, 2d, saltelli_skip(n)).
// Needs n >= 2 and 2d <= max_sobol_dimensions(). n*(d+2) rows.
UnitPoints saltelli_points(std::int64_t n, int d);
std::int64_t saltelli_rows(std::int64_t n, int d);

// Sobol' points skipped before the base rows of saltelli_points: the smallest power of two
// >= n. The base rows are then the first n points of an aligned block of 2^m points, which
// keeps the net's stratification (Owen 2022, "On dropping the first Sobol' point") and
// avoids the all-zero point 0, which unbounded marginals would map to their extreme tail.
std::int64_t saltelli_skip(std::int64_t n);

// Morris (1991) one-at-a-time trajectories on the p-level grid {0, 1/(p-1), ..., 1}:
// r trajectories × (d+1) rows; consecutive rows of a trajectory differ in exactly one
// column, by ±Δ, and every column moves once per trajectory. Δ = floor(p/2)/(p-1), which is
// Morris's p/(2(p-1)) for even p and 1/2 for odd p, the largest step on the grid that every
// base level can take. Needs trajectories >= 1, d >= 1, levels >= 2.
UnitPoints morris_points(int trajectories, int d, int levels, std::uint64_t seed);
double morris_delta(int levels);

// Full factorial of level indices, last parameter varying fastest. Each count >= 1.
std::vector<std::vector<int>> grid_indices(const std::vector<int>& level_counts);

}  // namespace defsim::sweep
