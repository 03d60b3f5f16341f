// The command line: parse, dispatch to the chosen command, map errors to exit codes.
// Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 I/O failure,
// 4 accounting identity violated (a bug: please report it). Each command is a cmd_*.cpp.
#include <fmt/format.h>
#include <malloc.h>

#include <vector>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "defsim_version.hpp"
#include "sweep/run_distribution.hpp"

namespace defsim::cli {
namespace {
std::string g_invocation;
}

const std::string& invocation() { return g_invocation; }

void set_invocation(int argc, char** argv) {
  g_invocation.clear();
  for (int k = 0; k < argc; ++k) {
    if (k > 0) g_invocation += ' ';
    g_invocation += argv[k];
  }
}

}  // namespace defsim::cli

int main(int argc, char** argv) {
  using namespace defsim;
  // Keep freed memory in the process: by default glibc gives the top of the heap back to the
  // kernel whenever 128 KiB are free there and serves every block >= 128 KiB with its own
  // mmap. A run frees and reallocates such blocks for every replication (states, recorders,
  // HDF5's compression buffers), and each return costs a TLB flush; in a VM that made system
  // time twice the simulation's. Memory use is unchanged: the blocks are reused.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest; bigger blocks (huge models) still use mmap
  cli::set_invocation(argc, argv);
  CLI::App app{"defsim: defense production under import dependence"};
  app.set_version_flag("--version", std::string(DEFSIM_VERSION) + " (" + DEFSIM_GIT_COMMIT + ")" +
                                        (sweep::built_with_mpi() ? ", with MPI" : ", without MPI"));
  app.require_subcommand(1);

  const std::vector<cli::Command> commands = {
      cli::add_run_command(app),     cli::add_validate_command(app), cli::add_compare_command(app),
      cli::add_export_command(app),  cli::add_report_command(app),
      cli::add_calibrate_check_command(app),
      cli::add_sweep_command(app),
      cli::add_collect_command(app),
      cli::add_analyze_command(app),
      cli::add_generate_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (const auto& command : commands) {
      if (*command.app) return command.action();
    }
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.str());
    return 2;
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  } catch (const IoError& e) {
    fmt::print(stderr, "I/O error: {}\n", e.what());
    return 3;
  } catch (const AccountingError& e) {
    fmt::print(stderr, "internal error (please report): {}\n", e.what());
    return 4;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 1;
}
