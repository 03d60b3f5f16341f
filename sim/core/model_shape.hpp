#pragma once
// A compiled Model's tables must have one entry per row in every column: phases index them
// without bounds checks. Two compilers fill the tables (YAML models and generated ones), so
// a column added to one and forgotten in the other would read past the end. This check
// turns that bug into an error that names the column, before any day runs.
#include "core/model.hpp"

namespace defsim {

// Throws std::logic_error naming the first column whose length does not match its table.
// Runs before the steady state, so it covers the compiled inputs, not the derived columns.
void check_model_shape(const Model& m);

}  // namespace defsim
