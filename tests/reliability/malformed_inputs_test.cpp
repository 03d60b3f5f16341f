// The malformed-input corpus, tests/reliability/malformed/: every NAME.yaml is rejected with
// exactly the messages of NAME.expected (one FILE:LINE:COL: key.path: message per line, file
// names relative to the corpus directory), by the library and through the CLI: `validate`
// (every file) and `run` (one file of each kind) exit with 2 and print those lines, and
// `run` writes no output file. docs/RELIABILITY.md lists what the files cover.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "scenario/compile.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(DEFSIM_SOURCE_DIR) / "tests" / "reliability" / "malformed";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Removes every "DIR/" for the corpus directory as given and as canonical, so that messages
// read the same wherever the checkout lives.
std::string relative(std::string text) {
  for (const fs::path& dir : {kCorpus, fs::weakly_canonical(kCorpus)}) {
    const std::string prefix = dir.string() + "/";
    for (auto pos = text.find(prefix); pos != std::string::npos; pos = text.find(prefix, pos)) {
      text.erase(pos, prefix.size());
    }
  }
  return text;
}

struct Case {
  std::string name;                   // file name, e.g. "empty.yaml"
  std::vector<std::string> expected;  // the .expected lines
};

std::vector<Case> corpus() {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".yaml") continue;
    fs::path expected = entry.path();
    expected.replace_extension(".expected");
    cases.push_back({entry.path().filename().string(), lines_of(read_file(expected))});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

std::vector<std::string> library_errors(const std::string& name) {
  try {
    defsim::compile_scenario_file((kCorpus / name).string());
  } catch (const defsim::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& issue : e.issues()) out.push_back(relative(issue.str()));
    return out;
  }
  return {"(compiled without an error)"};
}

struct Result {
  int code;
  std::string out;  // stdout and stderr together
};

Result run_shell(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (pipe != nullptr && fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(MalformedCorpus, EveryFileHasItsExpectedMessages) {
  std::vector<std::string> yaml, expected;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    const std::string ext = entry.path().extension().string();
    (ext == ".yaml" ? yaml : expected).push_back(entry.path().stem().string());
  }
  std::sort(yaml.begin(), yaml.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(yaml, expected) << "every NAME.yaml needs a NAME.expected and nothing else lives in " << kCorpus;
  EXPECT_GE(yaml.size(), 50u);
  for (const Case& c : corpus()) {
    EXPECT_FALSE(c.expected.empty()) << c.name;
    for (const auto& line : c.expected) {
      // FILE:LINE:COL with a line and column, then the message.
      const auto colon = line.find(".yaml:");
      ASSERT_NE(colon, std::string::npos) << c.name << ": " << line;
      int l = 0, col = 0;
      EXPECT_EQ(std::sscanf(line.c_str() + colon + 6, "%d:%d: ", &l, &col), 2) << c.name << ": " << line;
      EXPECT_GT(l, 0) << line;
      EXPECT_GT(col, 0) << line;
    }
  }
}

TEST(MalformedCorpus, LibraryReportsExactlyTheExpectedMessages) {
  for (const Case& c : corpus()) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(library_errors(c.name), c.expected) << c.name;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // A bound for sanitizer builds on a busy machine; the slowest file takes 0.3 s in Debug.
    EXPECT_LT(seconds, 5.0) << c.name << " took " << seconds << " s to reject";
  }
}

TEST(MalformedCorpus, ValidateExitsTwoWithEveryMessage) {
  std::string files;
  const auto cases = corpus();
  for (const Case& c : cases) files += " " + quoted((kCorpus / c.name).string());
  const Result r = run_shell(std::string(DEFSIM_CLI) + " validate" + files);
  EXPECT_EQ(r.code, 2) << r.out;
  const auto lines = lines_of(relative(r.out));
  for (const Case& c : cases) {
    for (const auto& line : c.expected)
      EXPECT_TRUE(has_line(lines, line)) << c.name << ": " << line << "\n" << r.out;
    const std::string summary =
        c.name + ": " + std::to_string(c.expected.size()) + (c.expected.size() == 1 ? " error" : " errors");
    EXPECT_TRUE(has_line(lines, summary)) << summary;
  }
  EXPECT_EQ(r.out.find(": ok ("), std::string::npos) << r.out;
}

// One file of each kind through `run` (every file goes through `validate` above).
const char* const kRunCases[] = {"empty.yaml",
                                 "binary_nul.yaml",
                                 "invalid_yaml_unclosed.yaml",
                                 "wrong_type_days.yaml",
                                 "nan_capacity.yaml",
                                 "negative_capacity.yaml",
                                 "duplicate_good.yaml",
                                 "unknown_good.yaml",
                                 "event_after_horizon.yaml",
                                 "extends_cycle_a.yaml",
                                 "no_steady_state_spectral_radius.yaml",
                                 "days_too_many.yaml",
                                 "alias_bomb.yaml",
                                 "model_dev_zero.yaml"};

TEST(MalformedCorpus, RunExitsTwoWithTheMessagesAndWritesNothing) {
  const fs::path dir = fs::temp_directory_path() / ("defsim_malformed_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  fs::create_directories(dir / "log");
  // All runs at once: each is a short process, rejected before anything is simulated.
  std::string script;
  std::vector<Case> cases;
  for (const Case& c : corpus()) {
    if (std::find(std::begin(kRunCases), std::end(kRunCases), c.name) != std::end(kRunCases))
      cases.push_back(c);
  }
  ASSERT_EQ(cases.size(), std::size(kRunCases));
  for (const Case& c : cases) {
    const std::string log = (dir / "log" / c.name).string();
    script += "(" + std::string(DEFSIM_CLI) + " run " + quoted((kCorpus / c.name).string()) + " -q -o " +
              quoted((dir / "out" / (c.name + ".h5")).string()) + " > " + quoted(log) + " 2>&1; echo $? > " +
              quoted(log + ".rc") + ") & ";
  }
  script += "wait";
  const Result r = run_shell(script);
  ASSERT_EQ(r.code, 0) << r.out;
  for (const Case& c : cases) {
    const std::string out = read_file(dir / "log" / c.name);
    EXPECT_EQ(read_file(dir / "log" / (c.name + ".rc")), "2\n") << c.name << ":\n" << out;
    const auto lines = lines_of(relative(out));
    EXPECT_EQ(lines, c.expected) << c.name;
  }
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir / "out"))
    left.push_back(entry.path().filename().string());
  EXPECT_TRUE(left.empty()) << "run left files behind, first: " << (left.empty() ? "" : left.front());
  fs::remove_all(dir);
}

}  // namespace
