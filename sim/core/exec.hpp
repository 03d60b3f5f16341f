#pragma once
// The library does not own threads: callers pass an Exec naming the arena to run in.
// Loops over rows write only to their own rows, so the result is the same on any
// partition. Sums across rows (per good, per region) go through keyed_sums, which cuts the
// rows into chunks fixed by the model's size, never by the thread count, and adds the
// chunks' partial sums in chunk order: every path, serial or parallel, adds in one order.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <vector>

#include "core/types.hpp"

namespace defsim {

struct Exec {
  // Threads for loops inside one day. 1 = run inline (no TBB task overhead).
  int threads = 1;
  // Rows per task (a plant row is 30–150 ns of work, a task spawn about 1 µs); models with
  // fewer rows than one task run their loops inline.
  Index grain = 1024;
};

// For loops whose rows are heavy (a good with its routes and random draws): small grain.
inline Exec per_good(const Exec& exec) { return Exec{exec.threads, std::min<Index>(exec.grain, 32)}; }

// A loop goes parallel only with enough rows for many tasks: a fork and join costs several
// microseconds, and a day of a small model has a few hundred microseconds of work in twenty
// loops. Small models gain from threads across replications instead.
inline bool worth_parallel(const Exec& exec, Index n) { return exec.threads > 1 && n >= 16 * exec.grain; }

template <class Body>
void for_rows(const Exec& exec, Index n, Body&& body) {
  if (!worth_parallel(exec, n)) {
    for (Index i = 0; i < n; ++i) body(i);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, exec.grain), [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i != r.end(); ++i) body(i);
  });
}

// Rows per chunk of a keyed sum: at least 4096 (a task), and enough that the partial sums (chunks ×
// keys × values) stay a small fraction of the rows' own data. A function of the sizes only.
inline Index sum_chunk_rows(Index keys, int values) { return std::max<Index>(4096, 16 * keys * values); }

inline std::size_t keyed_sums_scratch(Index rows, Index keys, int values) {
  const Index chunk = sum_chunk_rows(keys, values);
  const Index chunks = (rows + chunk - 1) / chunk;
  return chunks > 1 ? static_cast<std::size_t>(chunks) * keys * values : 0;
}

// Visits rows 0..n−1 in order and lets body(row, acc) add the row's C values into acc, the
// C running sums of the row's key (key(row) in [0, keys); for kNone, a sink that is thrown
// away); body may also write the row's own columns. Leaves out[key·C + c] = the sums, added in row order
// within a chunk and in chunk order across chunks. With one chunk (n <= sum_chunk_rows) that
// is the plain ascending sum from 0.0. `scratch` holds the partial sums; sized beforehand to
// keyed_sums_scratch(n, keys, C) (make_initial_state does), it is never reallocated. Call
// from the thread that runs the phase, not from inside a parallel loop.
template <int C, class Key, class Body>
void keyed_sums(const Exec& exec, Index n, Index keys, Key&& key, Body&& body, double* out,
                std::vector<double>& partial) {
  const Index chunk = sum_chunk_rows(keys, C);
  const Index chunks = (n + chunk - 1) / chunk;
  const std::size_t width = static_cast<std::size_t>(keys) * C;
  auto visit = [&](Index lo, Index hi, double* sums) {
    double sink[C] = {};
    for (Index i = lo; i < hi; ++i) {
      const Index k = key(i);
      body(i, k == kNone ? sink : sums + static_cast<std::size_t>(k) * C);
    }
  };
  std::fill(out, out + width, 0.0);
  if (chunks <= 1) {
    visit(0, n, out);
    return;
  }
  if (partial.size() < static_cast<std::size_t>(chunks) * width) partial.resize(static_cast<std::size_t>(chunks) * width);
  double* scratch = partial.data();
  auto run_chunk = [&](Index c) {
    double* sums = scratch + static_cast<std::size_t>(c) * width;
    std::fill(sums, sums + width, 0.0);
    visit(c * chunk, std::min(n, (c + 1) * chunk), sums);
  };
  // Either way the same chunks add in the same order.
  if (worth_parallel(exec, n)) {
    tbb::parallel_for(tbb::blocked_range<Index>(0, chunks, 1), [&](const tbb::blocked_range<Index>& r) {
      for (Index c = r.begin(); c != r.end(); ++c) run_chunk(c);
    });
  } else {
    for (Index c = 0; c < chunks; ++c) run_chunk(c);
  }
  for (Index c = 0; c < chunks; ++c) {
    const double* sums = scratch + static_cast<std::size_t>(c) * width;
    for (std::size_t j = 0; j < width; ++j) out[j] += sums[j];
  }
}

}  // namespace defsim
