#pragma once
// Counter-based randomness (Philox4x64-10, Random123). A stream is keyed by
// (seed, replication) and countered by (entity id, day, purpose): the numbers an entity
// draws on a day do not depend on thread count, entity order, or which other entities
// exist, and a baseline and a scenario run with the same seed share them (common random
// numbers).
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/state.hpp"

namespace defsim {

enum class Purpose : std::uint64_t {
  lead_time_jitter = 1,
  interdiction = 2,
  payment_failure = 3,
  design_sampling = 4,  // sweep designs (random, Latin hypercube, Morris); sweep/design.cpp
  bootstrap = 5,        // resampling for sensitivity-index intervals; analysis/sensitivity.hpp
};

// Stable entity id from a name (FNV-1a 64): adding a route does not shift others' draws.
constexpr std::uint64_t stable_id(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

class RandomStream {
 public:
  RandomStream(const RngKey& key, std::uint64_t entity, Day day, Purpose purpose) {
    key_ = {{key.seed, key.replication}};
    ctr_ = {{entity, static_cast<std::uint64_t>(day), static_cast<std::uint64_t>(purpose), 0}};
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() {
    if (used_ == 4) refill();
    return static_cast<double>(block_.v[used_++] >> 11) * 0x1.0p-53;
  }

  // Uniform integer in [lo, hi].
  long uniform_int(long lo, long hi) {
    const double span = static_cast<double>(hi - lo + 1);
    long k = lo + static_cast<long>(std::floor(uniform() * span));
    return k > hi ? hi : k;
  }

  double standard_normal() {
    // Box–Muller on two uniforms; (0,1] for the log.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Successes among `n` trials of probability p. Exact for small n·p (inversion by
  // sequential search), normal approximation (continuity-corrected, clamped) for large.
  double binomial(double n_trials, double p);

 private:
  void refill() {
    block_ = gen_(ctr_, key_);
    ++ctr_.v[3];
    used_ = 0;
  }
  r123::Philox4x64 gen_;
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::ctr_type block_{};
  int used_ = 4;
};

// Binomial thinning of a real quantity: whole units follow Binomial(floor(x), p), the
// fractional remainder is lost with probability p. E[result] = p·x exactly.
double thin_quantity(RandomStream& rng, double quantity, double p);

}  // namespace defsim
