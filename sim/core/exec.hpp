#pragma once
// The library does not own threads: callers pass an Exec naming the arena to run in.
// Loops over rows write only to their own rows, so the result is the same on any
// partition; there are no floating-point reductions across workers anywhere.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "core/types.hpp"

namespace defsim {

struct Exec {
  // Threads for loops inside one day. 1 = run inline (no TBB task overhead).
  int threads = 1;
  // Rows per task; small models stay serial because a day is shorter than a task spawn.
  Index grain = 4096;
};

template <class Body>
void for_rows(const Exec& exec, Index n, Body&& body) {
  if (exec.threads <= 1 || n <= exec.grain) {
    for (Index i = 0; i < n; ++i) body(i);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, exec.grain), [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i != r.end(); ++i) body(i);
  });
}

}  // namespace defsim
