#include "analysis/report.hpp"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "analysis/compare_format.hpp"
#include "core/error.hpp"

extern char** environ;

namespace defsim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kInstallHint =
    "install Debian's python3 python3-h5py python3-numpy python3-pandas python3-matplotlib "
    "(scripts/setup.sh does), or set DEFSIM_PYTHON to an interpreter that has them";

// Report-script exit codes (scripts/report.py): 2 bad input or a missing module, 3 I/O.
constexpr int kScriptUsage = 2;
constexpr int kScriptIo = 3;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// Removes the temporary JSON however write_report leaves.
struct TempFile {
  fs::path path;
  ~TempFile() {
    std::error_code ec;
    if (!path.empty()) fs::remove(path, ec);
  }
};

int run_process(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (rc != 0) {
    throw UsageError(
        fmt::format("defsim report: cannot start {}: {}; {}", args[0], std::strerror(rc), kInstallHint));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      throw IoError(fmt::format("defsim report: waiting for {}: {}", args[0], std::strerror(errno)));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

std::string locate_report_script() {
  if (std::string s = env("DEFSIM_REPORT_SCRIPT"); !s.empty()) {
    if (!fs::is_regular_file(s)) throw UsageError(fmt::format("DEFSIM_REPORT_SCRIPT={}: no such file", s));
    return s;
  }
  const fs::path dir = executable_dir();
  std::vector<fs::path> tried;
  if (!dir.empty()) {
    tried = {dir / ".." / ".." / "scripts" / "report.py",
             dir / ".." / "share" / "defsim" / "scripts" / "report.py"};
  }
  for (const auto& p : tried) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return fs::weakly_canonical(p, ec).string();
  }
  std::string list;
  for (const auto& p : tried) list += (list.empty() ? "" : ", ") + p.lexically_normal().string();
  throw UsageError(
      fmt::format("defsim report: cannot find scripts/report.py (tried {}); set DEFSIM_REPORT_SCRIPT",
                  list.empty() ? "nothing: the executable's path is unknown" : list));
}

void write_report(const std::string& base_path, const std::string& scenario_path,
                  const ReportOptions& options) {
  std::string python = options.python.empty() ? env("DEFSIM_PYTHON") : options.python;
  if (python.empty()) python = "/usr/bin/python3";
  if (::access(python.c_str(), X_OK) != 0) {
    throw UsageError(fmt::format("defsim report needs Python 3 at {}, which {}; {}", python,
                                 errno == ENOENT ? "does not exist" : "cannot be run", kInstallHint));
  }
  const std::string script = options.script.empty() ? locate_report_script() : options.script;

  CompareOptions compare_options;
  compare_options.by = options.by;
  const std::string json = comparison_json(compare_files(base_path, scenario_path, compare_options));

  TempFile tmp;
  std::random_device rd;
  tmp.path = fs::temp_directory_path() / fmt::format("defsim-report-{}-{:08x}.json", ::getpid(), rd());
  {
    std::ofstream out(tmp.path, std::ios::binary | std::ios::trunc);
    out << json;
    out.close();
    if (!out) throw IoError(fmt::format("defsim report: cannot write {}", tmp.path.string()));
  }
  const int code = run_process({python, script, "--compare-json", tmp.path.string(), "--output",
                                options.output, base_path, scenario_path});
  if (code == 0) return;
  const std::string what =
      fmt::format("{} {} failed with exit code {} (its message is above)", python, script, code);
  if (code == kScriptUsage) throw UsageError(what);
  if (code == kScriptIo) throw IoError(what);
  throw std::runtime_error(what);
}

}  // namespace defsim
