#pragma once
// Sobol' low-discrepancy sequence, unscrambled, with the Joe–Kuo direction numbers
// (new-joe-kuo-6.21201). Points come in Gray-code order, as in Joe and Kuo's sobol.cc and
// scipy's unscrambled qmc.Sobol, so the values can be checked against either. Every aligned
// block of 2^m consecutive points [k·2^m, (k+1)·2^m) is a (t, m, s)-net: each 1-D projection
// puts exactly one point in each interval [j/2^m, (j+1)/2^m).
#include <cstdint>
#include <vector>

namespace defsim::sweep {

// Dimensions the built-in direction-number table covers (sobol_sequence.cpp).
int max_sobol_dimensions();

class SobolSequence {
 public:
  // Points are 32-bit fractions, so at most 2^32 of them exist.
  static constexpr std::uint64_t kMaxPoints = std::uint64_t{1} << 32;

  // Throws std::invalid_argument unless 1 <= dimensions <= max_sobol_dimensions().
  explicit SobolSequence(int dimensions);

  int dimensions() const { return dimensions_; }
  std::uint64_t index() const { return index_; }

  // Positions the sequence at point `index` (0 is the origin) in O(32·d), without
  // generating the points before it. Throws std::invalid_argument past kMaxPoints.
  void seek(std::uint64_t index);

  // Writes the current point to out[0 .. dimensions()) and moves to the next one.
  // Throws std::out_of_range after the last of the kMaxPoints points.
  void next(double* out);

 private:
  int dimensions_;
  std::uint64_t index_ = 0;
  std::vector<std::uint32_t> directions_;  // dimension j, bit k at [j * 32 + k]
  std::vector<std::uint32_t> state_;       // current point, scaled by 2^32
};

}  // namespace defsim::sweep
