#pragma once
// One subcommand of the `defsim` executable. Each command lives in its own cmd_*.cpp:
// its factory registers the subcommand and its options on the parent app and returns the
// action to call when the user chose it. Options live in a shared_ptr the action owns,
// because CLI11 writes into them during parsing, after the factory has returned.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace defsim::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> action;
};

// The whole command line, for provenance in output files.
const std::string& invocation();
void set_invocation(int argc, char** argv);

Command add_run_command(CLI::App& parent);
Command add_validate_command(CLI::App& parent);
Command add_compare_command(CLI::App& parent);
Command add_export_command(CLI::App& parent);
Command add_report_command(CLI::App& parent);
Command add_calibrate_check_command(CLI::App& parent);
Command add_sweep_command(CLI::App& parent);
Command add_collect_command(CLI::App& parent);
Command add_analyze_command(CLI::App& parent);
Command add_generate_command(CLI::App& parent);

}  // namespace defsim::cli
