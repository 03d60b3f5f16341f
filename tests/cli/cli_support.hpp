#pragma once
// Helpers for end-to-end tests through the real binaries: run a command, capture its output
// and exit code, and make small stochastic runs of the tiny test economy.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analysis/stochastic_economy.hpp"

namespace defsim::cli_test {

namespace fs = std::filesystem;

struct Result {
  int code;
  std::string out;  // stdout and stderr together
};

inline Result run_command(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (pipe != nullptr && fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline Result run_cli(const std::string& args) { return run_command(std::string(DEFSIM_CLI) + " " + args); }

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// True when Debian's Python has every module named (e.g. "h5py, numpy").
inline bool python_has(const std::string& modules) {
  if (::access("/usr/bin/python3", X_OK) != 0) return false;
  return run_command("/usr/bin/python3 -c 'import " + modules + "'").code == 0;
}

// The scenario of the CLI tests: chip imports cut to a tenth from June 2024, so that
// deliveries, imports and binding constraints all move within a one-year run.
inline constexpr const char* kChipCut =
    "  - {path: imports.chips.routes.*.capacity_per_day, op: scale, value: 0.1, start: 2024-06-01, "
    "note: chips cut}\n";

// A fresh directory per test, removed afterwards.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("defsim_cli_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return path(name);
  }

  // Runs the stochastic test economy for a year, 3 replications (with `events` appended to
  // the baseline's), and returns the file.
  std::string tiny_run(const std::string& name, const std::string& events = "",
                       const std::string& extra_args = "") {
    const std::string yaml = write(name + ".yaml", defsim::test::stochastic_economy(name, events));
    const std::string out = path(name + ".h5");
    const Result r = run_cli("run " + yaml + " -q --threads 2 --replications 3 --set days=365 " + extra_args +
                             " -o " + out);
    EXPECT_EQ(r.code, 0) << r.out;
    return out;
  }

  fs::path dir_;
};

}  // namespace defsim::cli_test
