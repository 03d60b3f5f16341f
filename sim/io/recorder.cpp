#include "io/recorder.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "core/error.hpp"

namespace defsim {

Recorder::Recorder(const Model& model)
    : periods_(make_periods(model.run.calendar, model.run.output.frequency)) {
  for (std::size_t p = 0; p < periods_.size(); ++p) {
    max_period_days_ = std::max(max_period_days_, periods_.days(p));
  }

  const auto n_periods = periods_.size();
  for (const VariableDef* def : selected_variables(model)) {
    Series s{def, axis_rows(model, def->axis), {}, {}, {}};
    const auto rows = static_cast<std::size_t>(s.rows);
    s.values.assign(n_periods * rows, 0.0);
    if (def->agg == Aggregation::mean && def->weight != nullptr) s.weight_sum.assign(rows, 0.0);
    if (def->agg == Aggregation::mode) s.codes.assign(rows * static_cast<std::size_t>(max_period_days_), 0);
    series_.push_back(std::move(s));
  }
  scratch_.resize(static_cast<std::size_t>(max_period_days_));
}

void Recorder::reset() {
  for (auto& s : series_) {
    std::fill(s.values.begin(), s.values.end(), 0.0);
    std::fill(s.weight_sum.begin(), s.weight_sum.end(), 0.0);
  }
  next_day_ = 0;
  period_ = 0;
}

void Recorder::record_day(const Model& model, const State& state) {
  if (period_ >= periods_.size()) {
    throw UsageError(fmt::format("Recorder::record_day: day {} is beyond the horizon of {} days", state.day,
                                 model.run.calendar.horizon_days()));
  }
  if (state.day != next_day_) {
    throw UsageError(fmt::format("Recorder::record_day: expected day {}, got day {}", next_day_, state.day));
  }
  const std::size_t p = period_;
  const auto day_in_period = static_cast<std::size_t>(state.day - periods_.first[p]);
  const bool period_end = state.day == periods_.last[p];

  for (auto& s : series_) {
    const VariableDef& v = *s.def;
    const auto rows = static_cast<std::size_t>(s.rows);
    double* __restrict out = s.values.data() + p * rows;
    const double* __restrict column = v.double_column != nullptr ? v.double_column(state) : nullptr;
    switch (v.agg) {
      case Aggregation::sum:
        if (column != nullptr) {
          for (std::size_t i = 0; i < rows; ++i) out[i] += column[i];
        } else {
          for (Index i = 0; i < s.rows; ++i) out[i] += v.value(model, state, i);
        }
        break;
      case Aggregation::last:
        // The period's value is its last day's: the days before it need no work.
        if (!period_end) break;
        if (column != nullptr) {
          std::copy(column, column + rows, out);
        } else {
          for (Index i = 0; i < s.rows; ++i) out[i] = v.value(model, state, i);
        }
        break;
      case Aggregation::mean:
        if (v.weight == nullptr) {
          if (column != nullptr) {
            for (std::size_t i = 0; i < rows; ++i) out[i] += column[i];
          } else {
            for (Index i = 0; i < s.rows; ++i) out[i] += v.value(model, state, i);
          }
        } else {
          for (Index i = 0; i < s.rows; ++i) {
            const double w = v.weight(model, state, i);
            if (w == 0.0) continue;  // skip the value too: it may be meaningless (a price of nothing)
            out[i] += w * v.value(model, state, i);
            s.weight_sum[static_cast<std::size_t>(i)] += w;
          }
        }
        break;
      case Aggregation::mode: {
        // Day-major: today's codes are one contiguous row of the buffer.
        std::int32_t* codes = s.codes.data() + day_in_period * rows;
        if (v.code_column != nullptr) {
          const std::int32_t* from = v.code_column(state);
          std::copy(from, from + rows, codes);
        } else {
          for (Index i = 0; i < s.rows; ++i) codes[i] = static_cast<std::int32_t>(v.value(model, state, i));
        }
        break;
      }
    }
  }
  ++next_day_;
  if (state.day == periods_.last[p]) {
    finish_period(p);
    ++period_;
  }
}

void Recorder::finish_period(std::size_t p) {
  const auto days = static_cast<std::size_t>(periods_.days(p));
  for (auto& s : series_) {
    const auto rows = static_cast<std::size_t>(s.rows);
    double* out = s.values.data() + p * rows;
    if (s.def->agg == Aggregation::mean) {
      if (s.def->weight == nullptr) {
        for (std::size_t i = 0; i < rows; ++i) out[i] /= static_cast<double>(days);
      } else {
        for (std::size_t i = 0; i < rows; ++i) {
          out[i] = s.weight_sum[i] > 0.0 ? out[i] / s.weight_sum[i] : 0.0;
          s.weight_sum[i] = 0.0;
        }
      }
    } else if (s.def->agg == Aggregation::mode) {
      for (std::size_t i = 0; i < rows; ++i) {
        for (std::size_t d = 0; d < days; ++d) scratch_[d] = s.codes[d * rows + i];
        const auto end = scratch_.begin() + static_cast<std::ptrdiff_t>(days);
        std::sort(scratch_.begin(), end);
        // Runs of equal codes in ascending order; a strictly longer run wins, so ties keep
        // the lowest code.
        std::int32_t best = scratch_.front();
        std::size_t best_count = 0;
        for (auto it = scratch_.begin(); it != end;) {
          auto run_end = std::upper_bound(it, end, *it);
          const auto count = static_cast<std::size_t>(run_end - it);
          if (count > best_count) {
            best = *it;
            best_count = count;
          }
          it = run_end;
        }
        out[i] = static_cast<double>(best);
      }
    }
  }
}

}  // namespace defsim
