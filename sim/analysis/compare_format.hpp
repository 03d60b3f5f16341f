#pragma once
// Renderings of a Comparison: an aligned text table for the terminal, Markdown for notes and
// issues, tidy CSV for spreadsheets and JSON for programs (the HTML report reads it).
#include <optional>
#include <string>
#include <string_view>

#include "analysis/compare.hpp"

namespace defsim {

enum class CompareFormat { table, csv, json, markdown };

std::optional<CompareFormat> parse_compare_format(std::string_view name);

std::string format_comparison(const Comparison& c, CompareFormat format);

// One sentence on how every interval is computed, printed with each rendering.
extern const char* const kIntervalMethod;

// Renderers, one per file.
std::string comparison_text(const Comparison& c, bool markdown);
std::string comparison_csv(const Comparison& c);
std::string comparison_json(const Comparison& c);

}  // namespace defsim
