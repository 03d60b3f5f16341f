#include "io/chunk_codec.hpp"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace defsim {
namespace {

std::size_t element_size(ChunkElement e) { return e == ChunkElement::f64 ? 8 : 4; }

// Fill values of the datasets (run_file.cpp declares the same): NaN for numbers, -1 for codes.
template <class T>
T fill_value() {
  if constexpr (std::is_same_v<T, std::int32_t>) {
    return -1;
  } else {
    return std::numeric_limits<T>::quiet_NaN();
  }
}

template <class T>
T convert(double x) {
  if constexpr (std::is_same_v<T, std::int32_t>) {
    // Codes are whole numbers; anything else (NaN included) would be undefined to cast and
    // is stored as the fill value, "no code".
    if (!(x >= static_cast<double>(std::numeric_limits<std::int32_t>::min()) &&
          x <= static_cast<double>(std::numeric_limits<std::int32_t>::max()))) {
      return fill_value<std::int32_t>();
    }
    return static_cast<std::int32_t>(x);
  } else if constexpr (std::is_same_v<T, float>) {
    // HDF5's hard conversion sends doubles beyond the float range to ±infinity; so do we,
    // without the undefined behaviour of an out-of-range cast.
    constexpr double kMax = std::numeric_limits<float>::max();
    if (x > kMax) return std::numeric_limits<float>::infinity();
    if (x < -kMax) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(x);
  } else {
    return x;
  }
}

// The chunk's elements in file order (little-endian), padded with the fill value.
template <class T>
void gather(std::span<const double> values, const ChunkLayout& L, std::size_t p0, std::size_t r0,
            std::vector<unsigned char>& out) {
  const std::size_t n = L.periods_chunk * L.rows_chunk;
  out.resize(n * sizeof(T));
  T* dst = reinterpret_cast<T*>(out.data());
  std::fill(dst, dst + n, fill_value<T>());
  const std::size_t p_end = std::min(L.periods, p0 + L.periods_chunk);
  const std::size_t r_end = std::min(L.rows, r0 + L.rows_chunk);
  for (std::size_t p = p0; p < p_end; ++p) {
    const double* src = values.data() + p * L.rows;
    T* row = dst + (p - p0) * L.rows_chunk;
    for (std::size_t r = r0; r < r_end; ++r) row[r - r0] = convert<T>(src[r]);
  }
  if constexpr (std::endian::native == std::endian::big) {
    for (std::size_t i = 0; i < out.size(); i += sizeof(T)) std::reverse(&out[i], &out[i] + sizeof(T));
  }
}

// HDF5's shuffle filter: byte b of element i goes to b·n + i.
void shuffle(const std::vector<unsigned char>& in, std::size_t size, std::vector<unsigned char>& out) {
  const std::size_t n = in.size() / size;
  out.resize(in.size());
  for (std::size_t b = 0; b < size; ++b) {
    unsigned char* dst = out.data() + b * n;
    const unsigned char* src = in.data() + b;
    for (std::size_t i = 0; i < n; ++i) dst[i] = src[i * size];
  }
}

// HDF5's deflate filter: one zlib stream (compress2) of the whole chunk.
void deflate(const std::vector<unsigned char>& in, int level, std::vector<unsigned char>& out) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  out.resize(size);
  const int status = compress2(out.data(), &size, in.data(), static_cast<uLong>(in.size()), level);
  if (status != Z_OK) {
    throw std::runtime_error("zlib failed to compress a chunk (status " + std::to_string(status) + ")");
  }
  out.resize(size);
}

}  // namespace

std::size_t chunk_count(const ChunkLayout& L) {
  if (L.periods == 0 || L.rows == 0) return 0;
  return ((L.periods + L.periods_chunk - 1) / L.periods_chunk) * ((L.rows + L.rows_chunk - 1) / L.rows_chunk);
}

void encode_chunks(std::span<const double> values, const ChunkLayout& L, std::vector<EncodedChunk>& chunks) {
  chunks.resize(chunk_count(L));
  thread_local std::vector<unsigned char> raw;
  thread_local std::vector<unsigned char> shuffled;
  std::size_t k = 0;
  for (std::size_t p0 = 0; p0 < L.periods; p0 += L.periods_chunk) {
    for (std::size_t r0 = 0; r0 < L.rows; r0 += L.rows_chunk, ++k) {
      EncodedChunk& c = chunks[k];
      c.period_offset = p0;
      c.row_offset = r0;
      std::vector<unsigned char>& target = L.deflate_level > 0 ? raw : c.bytes;
      switch (L.element) {
        case ChunkElement::f64: gather<double>(values, L, p0, r0, target); break;
        case ChunkElement::f32: gather<float>(values, L, p0, r0, target); break;
        case ChunkElement::i32: gather<std::int32_t>(values, L, p0, r0, target); break;
      }
      if (L.deflate_level > 0) {
        shuffle(raw, element_size(L.element), shuffled);
        deflate(shuffled, L.deflate_level, c.bytes);
      }
    }
  }
}

}  // namespace defsim
