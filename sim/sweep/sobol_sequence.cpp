#include "sweep/sobol_sequence.hpp"

#include <array>
#include <bit>
#include <stdexcept>
#include <string>

namespace defsim::sweep {
namespace {

// Direction numbers of S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
// two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file
// new-joe-kuo-6.21201 from https://web.maths.unsw.edu.au/~fkuo/sobol/ (dimensions 2-128).
// Each row is one line of that file without its leading dimension number: the degree s of
// the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1, the coefficients
// a = (a_1 ... a_(s-1)) read as a binary number, and the initial odd m_1 .. m_s, m_k < 2^k.
// Transcribed from published copies of the file and checked entry by entry against the
// copy scipy 1.10 ships (stats/_sobol_direction_numbers.npz). Dimension 1 is the van der
// Corput sequence (every m_k = 1) and has no row.
//
// Licence of the direction numbers, reproduced as it requires:
//   Copyright (c) 2008, Frances Y. Kuo and Stephen Joe
//   All rights reserved.
//
//   Redistribution and use in source and binary forms, with or without
//   modification, are permitted provided that the following conditions are met:
//
//       * Redistributions of source code must retain the above copyright
//         notice, this list of conditions and the following disclaimer.
//
//       * Redistributions in binary form must reproduce the above copyright
//         notice, this list of conditions and the following disclaimer in the
//         documentation and/or other materials provided with the distribution.
//
//       * Neither the names of the copyright holders nor the names of the
//         University of New South Wales and the University of Waikato
//         and its contributors may be used to endorse or promote products derived
//         from this software without specific prior written permission.
//
//   THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS ``AS IS'' AND ANY
//   EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
//   WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
//   DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE FOR ANY
//   DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
//   (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
//   LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
//   ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
//   (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
//   SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
struct Primitive {
  int degree;
  unsigned a;
  std::array<std::uint16_t, 10> m;
};

constexpr Primitive kJoeKuo[] = {
    {1, 0, {1}},                                          // 2
    {2, 1, {1, 3}},                                       // 3
    {3, 1, {1, 3, 1}},                                    // 4
    {3, 2, {1, 1, 1}},                                    // 5
    {4, 1, {1, 1, 3, 3}},                                 // 6
    {4, 4, {1, 3, 5, 13}},                                // 7
    {5, 2, {1, 1, 5, 5, 17}},                             // 8
    {5, 4, {1, 1, 5, 5, 5}},                              // 9
    {5, 7, {1, 1, 7, 11, 19}},                            // 10
    {5, 11, {1, 1, 5, 1, 1}},                             // 11
    {5, 13, {1, 1, 1, 3, 11}},                            // 12
    {5, 14, {1, 3, 5, 5, 31}},                            // 13
    {6, 1, {1, 3, 3, 9, 7, 49}},                          // 14
    {6, 13, {1, 1, 1, 15, 21, 21}},                       // 15
    {6, 16, {1, 3, 1, 13, 27, 49}},                       // 16
    {6, 19, {1, 1, 1, 15, 7, 5}},                         // 17
    {6, 22, {1, 3, 1, 15, 13, 25}},                       // 18
    {6, 25, {1, 1, 5, 5, 19, 61}},                        // 19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},                   // 20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},                    // 21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},                     // 22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},                      // 23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},                   // 24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},                    // 25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},                   // 26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},                     // 27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},                     // 28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},                    // 29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},                    // 30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},                    // 31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},                    // 32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},                     // 33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},                    // 34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},                    // 35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},                    // 36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},                     // 37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},              // 38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},               // 39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},              // 40
    {8, 38, {1, 3, 1, 11, 27, 43, 71, 9}},                // 41
    {8, 47, {1, 1, 7, 15, 21, 11, 81, 45}},               // 42
    {8, 49, {1, 3, 7, 3, 25, 31, 65, 79}},                // 43
    {8, 50, {1, 3, 1, 1, 19, 11, 3, 205}},                // 44
    {8, 52, {1, 1, 5, 9, 19, 21, 29, 157}},               // 45
    {8, 56, {1, 3, 7, 11, 1, 33, 89, 185}},               // 46
    {8, 67, {1, 3, 3, 3, 15, 9, 79, 71}},                 // 47
    {8, 70, {1, 3, 7, 11, 15, 39, 119, 27}},              // 48
    {8, 84, {1, 1, 3, 1, 11, 31, 97, 225}},               // 49
    {8, 97, {1, 1, 1, 3, 23, 43, 57, 177}},               // 50
    {8, 103, {1, 3, 7, 7, 17, 17, 37, 71}},               // 51
    {8, 115, {1, 3, 1, 5, 27, 63, 123, 213}},             // 52
    {8, 122, {1, 1, 3, 5, 11, 43, 53, 133}},              // 53
    {9, 8, {1, 3, 5, 5, 29, 17, 47, 173, 479}},           // 54
    {9, 13, {1, 3, 3, 11, 3, 1, 109, 9, 69}},             // 55
    {9, 16, {1, 1, 1, 5, 17, 39, 23, 5, 343}},            // 56
    {9, 22, {1, 3, 1, 5, 25, 15, 31, 103, 499}},          // 57
    {9, 25, {1, 1, 1, 11, 11, 17, 63, 105, 183}},         // 58
    {9, 44, {1, 1, 5, 11, 9, 29, 97, 231, 363}},          // 59
    {9, 47, {1, 1, 5, 15, 19, 45, 41, 7, 383}},           // 60
    {9, 52, {1, 3, 7, 7, 31, 19, 83, 137, 221}},          // 61
    {9, 55, {1, 1, 1, 3, 23, 15, 111, 223, 83}},          // 62
    {9, 59, {1, 1, 5, 13, 31, 15, 55, 25, 161}},          // 63
    {9, 62, {1, 1, 3, 13, 25, 47, 39, 87, 257}},          // 64
    {9, 67, {1, 1, 1, 11, 21, 53, 125, 249, 293}},        // 65
    {9, 74, {1, 1, 7, 11, 11, 7, 57, 79, 323}},           // 66
    {9, 81, {1, 1, 5, 5, 17, 13, 81, 3, 131}},            // 67
    {9, 82, {1, 1, 7, 13, 23, 7, 65, 251, 475}},          // 68
    {9, 87, {1, 3, 5, 1, 9, 43, 3, 149, 11}},             // 69
    {9, 91, {1, 1, 3, 13, 31, 13, 13, 255, 487}},         // 70
    {9, 94, {1, 3, 3, 1, 5, 63, 89, 91, 127}},            // 71
    {9, 103, {1, 1, 3, 3, 1, 19, 123, 127, 237}},         // 72
    {9, 104, {1, 1, 5, 7, 23, 31, 37, 243, 289}},         // 73
    {9, 109, {1, 1, 5, 11, 17, 53, 117, 183, 491}},       // 74
    {9, 122, {1, 1, 1, 5, 1, 13, 13, 209, 345}},          // 75
    {9, 124, {1, 1, 3, 15, 1, 57, 115, 7, 33}},           // 76
    {9, 137, {1, 3, 1, 11, 7, 43, 81, 207, 175}},         // 77
    {9, 138, {1, 3, 1, 1, 15, 27, 63, 255, 49}},          // 78
    {9, 143, {1, 3, 5, 3, 27, 61, 105, 171, 305}},        // 79
    {9, 145, {1, 1, 5, 3, 1, 3, 57, 249, 149}},           // 80
    {9, 152, {1, 1, 3, 5, 5, 57, 15, 13, 159}},           // 81
    {9, 157, {1, 1, 1, 11, 7, 11, 105, 141, 225}},        // 82
    {9, 167, {1, 3, 3, 5, 27, 59, 121, 101, 271}},        // 83
    {9, 173, {1, 3, 5, 9, 11, 49, 51, 59, 115}},          // 84
    {9, 176, {1, 1, 7, 1, 23, 45, 125, 71, 419}},         // 85
    {9, 181, {1, 1, 3, 5, 23, 5, 105, 109, 75}},          // 86
    {9, 182, {1, 1, 7, 15, 7, 11, 67, 121, 453}},         // 87
    {9, 185, {1, 3, 7, 3, 9, 13, 31, 27, 449}},           // 88
    {9, 191, {1, 3, 1, 15, 19, 39, 39, 89, 15}},          // 89
    {9, 194, {1, 1, 1, 1, 1, 33, 73, 145, 379}},          // 90
    {9, 199, {1, 3, 1, 15, 15, 43, 29, 13, 483}},         // 91
    {9, 218, {1, 1, 7, 3, 19, 27, 85, 131, 431}},         // 92
    {9, 220, {1, 3, 3, 3, 5, 35, 23, 195, 349}},          // 93
    {9, 227, {1, 3, 3, 7, 9, 27, 39, 59, 297}},           // 94
    {9, 229, {1, 1, 3, 9, 11, 17, 13, 241, 157}},         // 95
    {9, 230, {1, 3, 7, 15, 25, 57, 33, 189, 213}},        // 96
    {9, 234, {1, 1, 7, 1, 9, 55, 73, 83, 217}},           // 97
    {9, 236, {1, 3, 3, 13, 19, 27, 23, 113, 249}},        // 98
    {9, 241, {1, 3, 5, 3, 23, 43, 3, 253, 479}},          // 99
    {9, 244, {1, 1, 5, 5, 11, 5, 45, 117, 217}},          // 100
    {9, 253, {1, 3, 3, 7, 29, 37, 33, 123, 147}},         // 101
    {10, 4, {1, 3, 1, 15, 5, 5, 37, 227, 223, 459}},      // 102
    {10, 13, {1, 1, 7, 5, 5, 39, 63, 255, 135, 487}},     // 103
    {10, 19, {1, 3, 1, 7, 9, 7, 87, 249, 217, 599}},      // 104
    {10, 22, {1, 1, 3, 13, 9, 47, 7, 225, 363, 247}},     // 105
    {10, 50, {1, 3, 7, 13, 19, 13, 9, 67, 9, 737}},       // 106
    {10, 55, {1, 3, 5, 5, 19, 59, 7, 41, 319, 677}},      // 107
    {10, 64, {1, 1, 5, 3, 31, 63, 15, 43, 207, 789}},     // 108
    {10, 69, {1, 1, 7, 9, 13, 39, 3, 47, 497, 169}},      // 109
    {10, 98, {1, 3, 1, 7, 21, 17, 97, 19, 415, 905}},     // 110
    {10, 107, {1, 3, 7, 1, 3, 31, 71, 111, 165, 127}},    // 111
    {10, 115, {1, 1, 5, 11, 1, 61, 83, 119, 203, 847}},   // 112
    {10, 121, {1, 3, 3, 13, 9, 61, 19, 97, 47, 35}},      // 113
    {10, 127, {1, 1, 7, 7, 15, 29, 63, 95, 417, 469}},    // 114
    {10, 134, {1, 3, 1, 9, 25, 9, 71, 57, 213, 385}},     // 115
    {10, 140, {1, 3, 5, 13, 31, 47, 101, 57, 39, 341}},   // 116
    {10, 145, {1, 1, 3, 3, 31, 57, 125, 173, 365, 551}},  // 117
    {10, 152, {1, 3, 7, 1, 13, 57, 67, 157, 451, 707}},   // 118
    {10, 158, {1, 1, 1, 7, 21, 13, 105, 89, 429, 965}},   // 119
    {10, 161, {1, 1, 5, 9, 17, 51, 45, 119, 157, 141}},   // 120
    {10, 171, {1, 3, 7, 7, 13, 45, 91, 9, 129, 741}},     // 121
    {10, 181, {1, 3, 7, 1, 23, 57, 67, 141, 151, 571}},   // 122
    {10, 194, {1, 1, 3, 11, 17, 47, 93, 107, 375, 157}},  // 123
    {10, 199, {1, 3, 3, 5, 11, 21, 43, 51, 169, 915}},    // 124
    {10, 203, {1, 1, 5, 3, 15, 55, 101, 67, 455, 625}},   // 125
    {10, 208, {1, 3, 5, 9, 1, 23, 29, 47, 345, 595}},     // 126
    {10, 227, {1, 3, 7, 7, 5, 49, 29, 155, 323, 589}},    // 127
    {10, 242, {1, 3, 3, 7, 5, 41, 127, 61, 261, 717}},    // 128
};

constexpr int kBits = 32;
constexpr int kTableDimensions = 1 + static_cast<int>(std::size(kJoeKuo));

// The recurrence of Bratley and Fox (1988) extends m_1..m_s to all 32 bits:
// v_k = a_1 v_(k-1) ^ ... ^ a_(s-1) v_(k-s+1) ^ v_(k-s) ^ (v_(k-s) >> s), with v_k = m_k 2^(32-k).
void fill_directions(int dimension, std::uint32_t* v) {
  if (dimension == 0) {
    for (int k = 0; k < kBits; ++k) v[k] = std::uint32_t{1} << (kBits - 1 - k);
    return;
  }
  const Primitive& p = kJoeKuo[dimension - 1];
  const int s = p.degree;
  for (int k = 0; k < s && k < kBits; ++k) v[k] = std::uint32_t{p.m[k]} << (kBits - 1 - k);
  for (int k = s; k < kBits; ++k) {
    std::uint32_t x = v[k - s] ^ (v[k - s] >> s);
    for (int l = 1; l < s; ++l) {
      if ((p.a >> (s - 1 - l)) & 1u) x ^= v[k - l];
    }
    v[k] = x;
  }
}

}  // namespace

int max_sobol_dimensions() { return kTableDimensions; }

SobolSequence::SobolSequence(int dimensions) : dimensions_(dimensions) {
  if (dimensions < 1 || dimensions > kTableDimensions) {
    throw std::invalid_argument("Sobol' sequence: " + std::to_string(dimensions) +
                                " dimensions requested; the direction-number table has 1 to " +
                                std::to_string(kTableDimensions));
  }
  directions_.resize(static_cast<std::size_t>(dimensions) * kBits);
  for (int j = 0; j < dimensions; ++j) fill_directions(j, &directions_[static_cast<std::size_t>(j) * kBits]);
  state_.assign(static_cast<std::size_t>(dimensions), 0);
}

void SobolSequence::seek(std::uint64_t index) {
  if (index > kMaxPoints) {
    throw std::invalid_argument("Sobol' sequence: point " + std::to_string(index) +
                                " is past the last (2^32)");
  }
  index_ = index;
  // Point i of the Gray-code ordering is the XOR of the direction numbers selected by the
  // bits of gray(i) = i ^ (i >> 1).
  const std::uint64_t gray = index ^ (index >> 1);
  for (int j = 0; j < dimensions_; ++j) {
    const std::uint32_t* v = &directions_[static_cast<std::size_t>(j) * kBits];
    std::uint32_t x = 0;
    for (int k = 0; k < kBits; ++k) {
      if ((gray >> k) & 1u) x ^= v[k];
    }
    state_[j] = x;
  }
}

void SobolSequence::next(double* out) {
  if (index_ >= kMaxPoints) throw std::out_of_range("Sobol' sequence: all 2^32 points have been used");
  constexpr double kScale = 0x1.0p-32;
  for (int j = 0; j < dimensions_; ++j) out[j] = static_cast<double>(state_[j]) * kScale;
  // Consecutive Gray codes differ in one bit: the lowest zero bit of the current index.
  const int bit = std::countr_one(index_);
  ++index_;
  if (index_ == kMaxPoints) return;
  for (int j = 0; j < dimensions_; ++j) state_[j] ^= directions_[static_cast<std::size_t>(j) * kBits + bit];
}

}  // namespace defsim::sweep
