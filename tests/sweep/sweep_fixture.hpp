#pragma once
// A scratch directory holding the tiny test economy as a scenario file, and helpers to
// write sweep files against it.
#include <fstream>
#include <string>

#include "io/scratch_dir.hpp"
#include "support/fixtures.hpp"

namespace defsim::test {

class SweepFiles {
 public:
  explicit SweepFiles(int days = 240) {
    std::string text = testing::tiny_scenario("", "true");
    const std::string from = "days: 1096", to = "days: " + std::to_string(days);
    text.replace(text.find(from), from.size(), to);
    text.replace(text.find("replications: 1"), 15, "replications: 2");
    write("tiny.yaml", text);
  }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.file(name)) << text;
    return dir_.file(name);
  }

  // A sweep over the tiny economy: `body` holds design, parameters and the rest.
  std::string sweep(const std::string& name, const std::string& body) const {
    return write(name, "scenario: tiny.yaml\n" + body);
  }

  std::string file(const std::string& name) const { return dir_.file(name); }

 private:
  ScratchDir dir_;
};

// Two corridor parameters on a 2 × 2 grid; run 2 (capacity 1000, ceiling 600) cannot
// compile because a corridor's ceiling must be at least its capacity.
inline constexpr const char* kGridWithOneBadRun = R"(design: {method: grid}
parameters:
  - path: imports.chips.routes.kazakhstan.capacity_per_day
    levels: [400, 1000]
  - path: imports.chips.routes.kazakhstan.max_capacity_per_day
    levels: [600, 1500]
metrics: [deliveries, import_bill, employment]
)";

inline constexpr const char* kGoodGrid = R"(design: {method: grid}
parameters:
  - path: imports.chips.routes.kazakhstan.capacity_per_day
    levels: [200, 400, 800]
  - path: parameters.labour.hire_rate_per_day
    levels: [0.02, 0.05]
metrics: [deliveries, shortfall, import_bill, employment, output, import_price]
)";

}  // namespace defsim::test
