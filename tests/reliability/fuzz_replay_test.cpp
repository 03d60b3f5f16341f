// Replays inputs through the fuzz target itself (fuzz/compile_fuzzer.cpp, compiled here
// without libFuzzer), so that every test build checks what the fuzzer checks: no crash, no
// exception but ScenarioError, FILE:LINE:COL on every issue, deterministic compiles and a
// resolved YAML that loads again. A broken invariant aborts with "*** defsim fuzz: ...".
// Inputs: the hand-written seeds in fuzz/seeds/ and the crash reproducers in
// tests/reliability/fuzz_crashes/ (inputs the fuzzer found, kept as found).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../fuzz/compile_fuzzer.cpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0)
      << file;
}

TEST(FuzzReplay, SeedsKeepTheFuzzInvariants) {
  const auto seeds = files_in(fs::path(DEFSIM_SOURCE_DIR) / "fuzz" / "seeds");
  EXPECT_GE(seeds.size(), 4u);
  for (const auto& file : seeds) replay(file);
}

TEST(FuzzReplay, SeedsCompile) {
  // The seeds are valid (they start the fuzzer in the interesting part of the input space);
  // overrides.yaml carries its --set lines after "#--set".
  for (const auto& file : files_in(fs::path(DEFSIM_SOURCE_DIR) / "fuzz" / "seeds")) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    defsim::CompileOptions options;
    if (const auto marker = text.find("\n#--set\n"); marker != std::string::npos) text.resize(marker + 1);
    EXPECT_NO_THROW(defsim::compile_scenario_text(text, options, file.filename().string())) << file;
  }
}

TEST(FuzzReplay, CrashReproducersKeepTheFuzzInvariants) {
  for (const auto& file : files_in(fs::path(DEFSIM_SOURCE_DIR) / "tests" / "reliability" / "fuzz_crashes")) {
    replay(file);
  }
}

}  // namespace
