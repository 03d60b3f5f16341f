// Same seed, same file contents, whatever the thread count: every dataset compared.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "io/run_reader.hpp"
#include "run/runner.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

namespace fs = std::filesystem;

std::string run_to_file(const Model& m, int threads, const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("defsim_det_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  RunOptions options;
  options.threads = threads;
  options.output_path = (dir / name).string();
  run_scenario(m, options);
  return options.output_path;
}

// Every dataset under every group, as raw doubles, keyed by path.
std::map<std::string, std::vector<double>> all_numeric(const RunFileReader& f) {
  std::map<std::string, std::vector<double>> out;
  for (const std::string& group : f.members("/")) {
    for (const std::string& member : f.members("/" + group)) {
      const std::string path = "/" + group + "/" + member;
      if (!f.has_dataset(path)) continue;
      try {
        out[path] = f.read(path).values;
      } catch (const std::exception&) {
        const auto strings = f.strings(path);  // string datasets compare as text
        std::vector<double> codes;
        for (const auto& s : strings) {
          for (unsigned char c : s) codes.push_back(c);
          codes.push_back(-1.0);
        }
        out[path] = codes;
      }
    }
  }
  return out;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

TEST(Determinism, SameSeedGivesIdenticalDatasetsAtOneAndTwoThreads) {
  Model m = testing::compile_text(testing::tiny_scenario("output: {frequency: day}\n", "true"));
  m.run.replications = 3;
  m.run.calendar = Calendar(m.run.calendar.start(), 200);
  const RunFileReader one(run_to_file(m, 1, "one.h5"));
  const RunFileReader two(run_to_file(m, 2, "two.h5"));
  const auto a = all_numeric(one);
  const auto b = all_numeric(two);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 40u);
  for (const auto& [path, values] : a) {
    ASSERT_TRUE(b.count(path)) << path;
    EXPECT_TRUE(bitwise_equal(values, b.at(path))) << path;
  }
  EXPECT_EQ(one.string_attribute("scenario_hash"), two.string_attribute("scenario_hash"));
  EXPECT_NE(one.int_attribute("threads"), two.int_attribute("threads"));
  fs::remove_all(fs::path(one.path()).parent_path());
}

TEST(Determinism, DifferentSeedsGiveDifferentRecordedPaths) {
  Model m = testing::compile_text(testing::tiny_scenario("", "true"));
  m.run.calendar = Calendar(m.run.calendar.start(), 200);
  const RunFileReader a(run_to_file(m, 1, "seed_a.h5"));
  m.run.seed += 1;
  const RunFileReader b(run_to_file(m, 1, "seed_b.h5"));
  EXPECT_FALSE(bitwise_equal(a.read("/routes/arrived").values, b.read("/routes/arrived").values));
  fs::remove_all(fs::path(a.path()).parent_path());
}

}  // namespace
}  // namespace defsim
