#pragma once
// The two error channels of the architecture, first half: bad input and API misuse throw
// typed exceptions with precise messages. (Numeric anomalies inside a day are counted in
// State::diagnostics instead; see core/diagnostics.hpp.)
#include <stdexcept>
#include <string>
#include <vector>

namespace defsim {

struct SourceLoc {
  std::string file;  // path as the user gave it, or "<command line>"
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
  std::string str() const;
};

// One problem with the input, reported as FILE:LINE:COL: key.path: message.
struct InputIssue {
  SourceLoc loc;
  std::string key_path;
  std::string message;
  std::string str() const;
};

// Bad scenario or model input; carries every problem found, not just the first.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<InputIssue> issues);
  const std::vector<InputIssue>& issues() const { return issues_; }

 private:
  std::vector<InputIssue> issues_;
};

// A file could not be read or written.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An accounting identity failed beyond rounding: a bug, reported with day and entity.
class AccountingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Misuse of the command line or the library API (wrong arguments, mismatched files).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace defsim
