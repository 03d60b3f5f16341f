#include "sweep/design.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/rng.hpp"

namespace defsim::sweep {
namespace {

// RandomStream's day slot separates the designs' streams: designs are not simulated days,
// and random_points and latin_hypercube with one seed should not share numbers.
constexpr Day kRandomStreams = 0;
constexpr Day kLatinStreams = 1;
constexpr Day kMorrisStreams = 2;

RandomStream design_stream(std::uint64_t seed, std::uint64_t entity, Day design) {
  return RandomStream(RngKey{seed, 0}, entity, design, Purpose::design_sampling);
}

void check_shape(const char* what, std::int64_t n, std::int64_t min_n, int d) {
  if (n < min_n) {
    throw std::invalid_argument(std::string(what) + ": n = " + std::to_string(n) +
                                "; need n >= " + std::to_string(min_n));
  }
  if (d < 1) throw std::invalid_argument(std::string(what) + ": d = " + std::to_string(d) + "; need d >= 1");
}

void shuffle(std::vector<std::int64_t>& v, RandomStream& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(rng.uniform_int(0, static_cast<long>(i) - 1));
    std::swap(v[i - 1], v[j]);
  }
}

// (k + u) / n rounds up to (k + 1) / n for u close to 1 (for n = 3, 2 + (1 - 2^-53) is
// 3.0 in double); step back into the stratum so floor(x * n) == k holds exactly.
double in_stratum(std::int64_t k, double u, std::int64_t n) {
  const double nd = static_cast<double>(n);
  const double kd = static_cast<double>(k);
  double x = (kd + u) / nd;
  while (x > 0.0 && std::floor(x * nd) > kd) x = std::nextafter(x, 0.0);
  return x;
}

void check_levels(int levels) {
  if (levels < 2) {
    throw std::invalid_argument("morris: levels = " + std::to_string(levels) + "; need levels >= 2");
  }
}

}  // namespace

UnitPoints random_points(std::int64_t n, int d, std::uint64_t seed) {
  check_shape("random_points", n, 1, d);
  UnitPoints x(n, d);
  for (std::int64_t i = 0; i < n; ++i) {
    RandomStream rng = design_stream(seed, static_cast<std::uint64_t>(i), kRandomStreams);
    for (int j = 0; j < d; ++j) x(i, j) = rng.uniform();
  }
  return x;
}

UnitPoints latin_hypercube(std::int64_t n, int d, std::uint64_t seed) {
  check_shape("latin_hypercube", n, 1, d);
  UnitPoints x(n, d);
  std::vector<std::int64_t> strata(static_cast<std::size_t>(n));
  for (int j = 0; j < d; ++j) {
    RandomStream rng = design_stream(seed, static_cast<std::uint64_t>(j), kLatinStreams);
    std::iota(strata.begin(), strata.end(), std::int64_t{0});
    shuffle(strata, rng);
    for (std::int64_t i = 0; i < n; ++i) x(i, j) = in_stratum(strata[i], rng.uniform(), n);
  }
  return x;
}

UnitPoints sobol_points(std::int64_t n, int d, std::int64_t skip) {
  check_shape("sobol_points", n, 1, d);
  if (d > max_sobol_dimensions()) {
    throw std::invalid_argument("sobol_points: d = " + std::to_string(d) + "; the Sobol' table has at most " +
                                std::to_string(max_sobol_dimensions()) + " dimensions");
  }
  const auto limit = static_cast<std::int64_t>(SobolSequence::kMaxPoints);
  if (skip < 0 || skip > limit || n > limit - skip) {
    throw std::invalid_argument("sobol_points: skip = " + std::to_string(skip) + " and n = " +
                                std::to_string(n) + " reach past the 2^32 points of the sequence");
  }
  SobolSequence sequence(d);
  sequence.seek(static_cast<std::uint64_t>(skip));
  UnitPoints x(n, d);
  std::vector<double> row(static_cast<std::size_t>(d));
  for (std::int64_t i = 0; i < n; ++i) {
    sequence.next(row.data());
    for (int j = 0; j < d; ++j) x(i, j) = row[j];
  }
  return x;
}

std::int64_t saltelli_rows(std::int64_t n, int d) {
  check_shape("saltelli_rows", n, 2, d);
  if (n > std::numeric_limits<std::int64_t>::max() / (d + 2)) {
    throw std::invalid_argument("saltelli_rows: n * (d + 2) overflows");
  }
  return n * (d + 2);
}

std::int64_t saltelli_skip(std::int64_t n) {
  if (n < 1) throw std::invalid_argument("saltelli_skip: n = " + std::to_string(n) + "; need n >= 1");
  std::int64_t skip = 1;
  while (skip < n) skip *= 2;
  return skip;
}

UnitPoints saltelli_points(std::int64_t n, int d) {
  check_shape("saltelli_points", n, 2, d);
  if (2 * static_cast<std::int64_t>(d) > max_sobol_dimensions()) {
    throw std::invalid_argument("saltelli_points: d = " + std::to_string(d) + " needs a " +
                                std::to_string(2 * d) + "-dimensional Sobol' sequence; the table has " +
                                std::to_string(max_sobol_dimensions()) +
                                " dimensions, so d <= " + std::to_string(max_sobol_dimensions() / 2));
  }
  const UnitPoints base = sobol_points(n, 2 * d, saltelli_skip(n));
  UnitPoints x(saltelli_rows(n, d), d);
  for (std::int64_t j = 0; j < n; ++j) {
    const std::int64_t top = j * (d + 2);
    x.row(top) = base.row(j).head(d);
    for (int i = 0; i < d; ++i) {
      x.row(top + 1 + i) = base.row(j).head(d);
      x(top + 1 + i, i) = base(j, d + i);
    }
    x.row(top + d + 1) = base.row(j).tail(d);
  }
  return x;
}

double morris_delta(int levels) {
  check_levels(levels);
  return static_cast<double>(levels / 2) / static_cast<double>(levels - 1);
}

UnitPoints morris_points(int trajectories, int d, int levels, std::uint64_t seed) {
  if (trajectories < 1) {
    throw std::invalid_argument("morris_points: trajectories = " + std::to_string(trajectories) +
                                "; need trajectories >= 1");
  }
  check_shape("morris_points", 1, 1, d);
  check_levels(levels);
  // Work in level indices so every point lies exactly on the grid: a column sits at its
  // base level L or at L + jump, with L uniform on the levels that leave room for the jump.
  const int jump = levels / 2;
  const long base_levels = levels - jump;
  const double spacing = static_cast<double>(levels - 1);
  UnitPoints x(static_cast<std::int64_t>(trajectories) * (d + 1), d);
  std::vector<int> at(static_cast<std::size_t>(d));
  std::vector<int> step(static_cast<std::size_t>(d));
  std::vector<std::int64_t> order(static_cast<std::size_t>(d));
  for (int t = 0; t < trajectories; ++t) {
    RandomStream rng = design_stream(seed, static_cast<std::uint64_t>(t), kMorrisStreams);
    for (int j = 0; j < d; ++j) {
      const auto base = static_cast<int>(rng.uniform_int(0, base_levels - 1));
      const bool up = rng.uniform() < 0.5;
      at[j] = up ? base : base + jump;
      step[j] = up ? jump : -jump;
    }
    std::iota(order.begin(), order.end(), std::int64_t{0});
    shuffle(order, rng);
    const std::int64_t top = static_cast<std::int64_t>(t) * (d + 1);
    for (int s = 0; s <= d; ++s) {
      if (s > 0) {
        const auto j = static_cast<std::size_t>(order[static_cast<std::size_t>(s - 1)]);
        at[j] += step[j];
      }
      for (int j = 0; j < d; ++j) x(top + s, j) = static_cast<double>(at[j]) / spacing;
    }
  }
  return x;
}

std::vector<std::vector<int>> grid_indices(const std::vector<int>& level_counts) {
  if (level_counts.empty()) throw std::invalid_argument("grid_indices: no parameters");
  constexpr std::int64_t kMaxRows = std::numeric_limits<std::int32_t>::max();
  std::int64_t rows = 1;
  for (std::size_t j = 0; j < level_counts.size(); ++j) {
    if (level_counts[j] < 1) {
      throw std::invalid_argument("grid_indices: parameter " + std::to_string(j + 1) + " has " +
                                  std::to_string(level_counts[j]) + " levels; need at least 1");
    }
    rows *= level_counts[j];
    if (rows > kMaxRows) throw std::invalid_argument("grid_indices: more than 2^31 - 1 grid points");
  }
  std::vector<std::vector<int>> grid;
  grid.reserve(static_cast<std::size_t>(rows));
  std::vector<int> point(level_counts.size(), 0);
  for (std::int64_t r = 0; r < rows; ++r) {
    grid.push_back(point);
    // Odometer increment: the last parameter turns fastest.
    for (std::size_t j = point.size(); j-- > 0;) {
      if (++point[j] < level_counts[j]) break;
      point[j] = 0;
    }
  }
  return grid;
}

}  // namespace defsim::sweep
