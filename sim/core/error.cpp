#include "core/error.hpp"

namespace defsim {

std::string SourceLoc::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  return out;
}

std::string InputIssue::str() const {
  std::string out = loc.str() + ": ";
  if (!key_path.empty()) out += key_path + ": ";
  return out + message;
}

static std::string join_issues(const std::vector<InputIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    out += issue.str();
  }
  return out;
}

ScenarioError::ScenarioError(std::vector<InputIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

}  // namespace defsim
