// Every number in the shipped model and scenario files says where it comes from: a test
// that walks models/russia/*.yaml, scenarios/*.yaml and scenarios/sweeps/*.yaml and fails, listing
// FILE:LINE, for any line holding a numeric value without a `source:` or `assumption:`
// comment. The convention (models/russia/README.md):
//   - a trailing comment on the line: `capacity_per_day: 900   # source: ...` or
//     `# assumption: ...` (one comment covers every number on its line);
//   - or a block comment on a line of its own, `# block source: ...` or
//     `# block assumption: ...`, which covers the lines below it that are indented at least
//     as deep as the `#`, up to the first non-comment line indented less.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scenario/tree.hpp"

namespace defsim {
namespace {

namespace fs = std::filesystem;

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  double v = 0.0;
  const char* first = s.data() + (s.front() == '+' ? 1 : 0);
  const auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Lines (1-based) that hold a numeric scalar value.
void numeric_lines(const Node& node, std::set<int>& lines) {
  switch (node.kind) {
    case Node::Kind::scalar:
      if (is_number(node.scalar)) lines.insert(node.loc.line);
      break;
    case Node::Kind::map:
      for (const auto& [key, child] : node.map) numeric_lines(child, lines);
      break;
    case Node::Kind::seq:
      for (const auto& child : node.seq) numeric_lines(child, lines);
      break;
    case Node::Kind::null: break;
  }
}

// The comment of a line (text after the first # outside quotes that starts the line or
// follows whitespace) and the column of its '#' (0-based; npos if none).
std::pair<std::string, std::size_t> comment_of(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quote != 0) {
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '"' || ch == '\'') {
      quote = ch;
    } else if (ch == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return {line.substr(i + 1), i};
    }
  }
  return {"", std::string::npos};
}

bool names_its_origin(const std::string& comment) {
  return comment.find("source:") != std::string::npos || comment.find("assumption:") != std::string::npos;
}

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(" \t"); }

// FILE:LINE of every numeric line without a source or assumption.
std::vector<std::string> bare_numbers(const fs::path& file) {
  std::set<int> numeric;
  numeric_lines(load_yaml_file(file.string()), numeric);
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::vector<bool> covered(lines.size() + 1, false);
  std::size_t block_column = std::string::npos;  // column of the open block comment's '#'
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const std::string& line = lines[k];
    const std::size_t indent = indent_of(line);
    const auto [comment, column] = comment_of(line);
    const bool comment_only = indent != std::string::npos && column == indent;
    if (indent == std::string::npos) continue;  // blank lines keep a block open
    if (comment_only) {
      const std::string text = comment.substr(comment.find_first_not_of(' ') == std::string::npos
                                                  ? comment.size()
                                                  : comment.find_first_not_of(' '));
      if (text.rfind("block source:", 0) == 0 || text.rfind("block assumption:", 0) == 0) block_column = column;
      continue;
    }
    if (block_column != std::string::npos && indent < block_column) block_column = std::string::npos;
    covered[k + 1] = block_column != std::string::npos || names_its_origin(comment);
  }
  std::vector<std::string> bare;
  for (int line : numeric) {
    if (line <= 0 || static_cast<std::size_t>(line) > lines.size() || !covered[static_cast<std::size_t>(line)]) {
      bare.push_back(file.string() + ":" + std::to_string(line) + ": " +
                     (line > 0 && static_cast<std::size_t>(line) <= lines.size() ? lines[line - 1] : ""));
    }
  }
  return bare;
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string listing(const std::vector<std::string>& bare) {
  std::string out;
  for (const auto& b : bare) out += "\n  " + b;
  return out;
}

TEST(BareNumbers, EveryNumberOfTheRussiaModelAndTheShippedScenariosHasASourceOrAnAssumption) {
  const fs::path root(DEFSIM_SOURCE_DIR);
  std::vector<fs::path> files = yaml_files(root / "models" / "russia");
  for (const auto& dir : {root / "scenarios", root / "scenarios" / "sweeps"}) {
    const auto found = yaml_files(dir);
    files.insert(files.end(), found.begin(), found.end());
  }
  ASSERT_GE(files.size(), 3u);
  std::vector<std::string> bare;
  for (const auto& file : files) {
    const auto found = bare_numbers(file);
    bare.insert(bare.end(), found.begin(), found.end());
  }
  EXPECT_TRUE(bare.empty()) << bare.size() << " numbers without '# source:' or '# assumption:'"
                            << " (see models/russia/README.md):" << listing(bare);
}

// The checker itself, on a small file: trailing comments, block comments and their end.
TEST(BareNumbers, TrailingAndBlockCommentsCoverTheirLines) {
  const fs::path file = fs::temp_directory_path() / "defsim_bare_numbers_probe.yaml";
  std::ofstream(file) << "a: 1          # source: somewhere\n"   // 1 covered
                         "b: 2          # a comment, no origin\n"  // 2 bare
                         "c: 'x # 3'\n"                            // 3 not a number
                         "d:\n"
                         "  # block assumption: the three below\n"
                         "  e: 4\n"                                 // 6 covered
                         "\n"
                         "  f: [5, 6]\n"                            // 8 covered
                         "g: 7\n"                                   // 9 bare: the block ended
                         "h: {i: 8, j: 2024-01-01}  # assumption: why\n";  // 10 covered
  const auto bare = bare_numbers(file);
  fs::remove(file);
  ASSERT_EQ(bare.size(), 2u) << listing(bare);
  EXPECT_NE(bare[0].find(":2: b: 2"), std::string::npos) << bare[0];
  EXPECT_NE(bare[1].find(":9: g: 7"), std::string::npos) << bare[1];
}

}  // namespace
}  // namespace defsim
