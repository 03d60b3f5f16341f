#pragma once
// `defsim report`: one self-contained HTML file comparing a scenario with its baseline. The
// numbers come from compare_files (passed as JSON, so the report and `defsim compare` agree);
// the plots and the page are made by scripts/report.py under Debian's Python 3 with h5py,
// numpy, pandas and matplotlib.
#include <string>

#include "analysis/compare.hpp"

namespace defsim {

struct ReportOptions {
  std::string output = "report.html";
  std::string script;  // report.py; empty: locate_report_script()
  std::string python;  // interpreter; empty: $DEFSIM_PYTHON, else /usr/bin/python3
  CompareBy by = CompareBy::good;
};

// $DEFSIM_REPORT_SCRIPT if set; else scripts/report.py found from the running executable
// (build*/bin/defsim -> <repo>/scripts, or <prefix>/bin -> <prefix>/share/defsim/scripts).
// Throws UsageError listing the places tried when none exists.
std::string locate_report_script();

// Throws UsageError when Python, the script or a Python module is missing (the message says
// what to install) or the inputs are bad, IoError when the report cannot be written.
void write_report(const std::string& base_path, const std::string& scenario_path,
                  const ReportOptions& options);

}  // namespace defsim
