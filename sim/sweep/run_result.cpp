#include "sweep/run_result.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/digest.hpp"
#include "core/error.hpp"
#include "sweep/atomic_file.hpp"
#include "sweep/text_fields.hpp"

namespace defsim::sweep {
namespace {

constexpr const char* kMagic = "defsim-sweep-run 1";

// Messages may span lines; a result file is line-oriented.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

std::string body_of(const RunResult& r) {
  std::string out = std::string(kMagic) + "\n";
  out += fmt::format("run\t{}\n", r.run);
  out += fmt::format("fingerprint\t{}\n", r.fingerprint);
  out += fmt::format("status\t{}\n", r.status == RunStatus::ok ? "ok" : "failed");
  if (r.status == RunStatus::failed) out += fmt::format("error\t{}\n", one_line(r.error));
  out += fmt::format("seconds\t{}\n", r.seconds);
  out += fmt::format("host\t{}\n", one_line(r.host));
  out += "parameters";
  for (double v : r.parameters) out += fmt::format("\t{}", v);
  out += "\nmetric_names";
  for (const auto& n : r.metric_names) out += "\t" + n;
  out += "\n";
  for (size_t rep = 0; rep < r.metrics.size(); ++rep) {
    out += fmt::format("replication\t{}\t{:016x}", rep, r.state_hashes.at(rep));
    for (double v : r.metrics[rep]) out += fmt::format("\t{}", v);
    out += "\n";
  }
  return out;
}




}  // namespace

std::string run_result_path(const std::string& dir, std::int64_t run) {
  return (std::filesystem::path(dir) / "runs" / fmt::format("run-{:07d}.txt", run)).string();
}

void write_run_result(const std::string& path, const RunResult& result) {
  const std::string body = body_of(result);
  write_file_atomically(path, body + "checksum\t" + hex_digest(body) + "\n");
}

std::optional<RunResult> read_run_result(const std::string& path, std::int64_t run, const std::string& fingerprint,
                                         std::string* why) {
  auto reject = [&](std::string reason) -> std::optional<RunResult> {
    if (why != nullptr) *why = std::move(reason);
    return std::nullopt;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return reject("missing");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const size_t tail = text.rfind("checksum\t");
  if (tail == std::string::npos || text.empty() || text.back() != '\n') return reject("incomplete (no checksum)");
  const std::string body = text.substr(0, tail);
  const std::string stored = text.substr(tail + 9, text.size() - tail - 10);
  if (stored != hex_digest(body)) return reject("checksum mismatch");

  RunResult r;
  std::istringstream lines(body);
  std::string line;
  if (!std::getline(lines, line) || line != kMagic) return reject("not a defsim sweep result");
  while (std::getline(lines, line)) {
    auto f = split_fields(line, '\t');
    const std::string& key = f[0];
    if (key == "run") {
      if (f.size() != 2 || !parse_field(f[1], r.run)) return reject("bad run line");
    } else if (key == "fingerprint") {
      r.fingerprint = f.size() > 1 ? f[1] : "";
    } else if (key == "status") {
      r.status = f.size() > 1 && f[1] == "ok" ? RunStatus::ok : RunStatus::failed;
    } else if (key == "error") {
      r.error = f.size() > 1 ? f[1] : "";
    } else if (key == "seconds") {
      if (f.size() != 2 || !parse_field(f[1], r.seconds)) return reject("bad seconds line");
    } else if (key == "host") {
      r.host = f.size() > 1 ? f[1] : "";
    } else if (key == "parameters") {
      for (size_t k = 1; k < f.size(); ++k) {
        double v = 0;
        if (!parse_field(f[k], v)) return reject("bad parameter value");
        r.parameters.push_back(v);
      }
    } else if (key == "metric_names") {
      r.metric_names.assign(f.begin() + 1, f.end());
    } else if (key == "replication") {
      if (f.size() != 3 + r.metric_names.size()) return reject("bad replication line");
      std::uint64_t hash = 0;
      if (!parse_field(f[2], hash, 16)) return reject("bad state hash");
      std::vector<double> values;
      for (size_t k = 3; k < f.size(); ++k) {
        double v = 0;
        if (!parse_field(f[k], v)) return reject("bad metric value");
        values.push_back(v);
      }
      r.state_hashes.push_back(hash);
      r.metrics.push_back(std::move(values));
    } else {
      return reject("unknown line '" + key + "'");
    }
  }
  if (r.run != run) return reject("belongs to run " + std::to_string(r.run));
  if (r.fingerprint != fingerprint) return reject("belongs to another sweep (fingerprint differs)");
  return r;
}

}  // namespace defsim::sweep
