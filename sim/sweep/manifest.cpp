#include "sweep/manifest.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/digest.hpp"
#include "core/error.hpp"
#include "sweep/atomic_file.hpp"
#include "sweep/text_fields.hpp"

namespace defsim::sweep {
namespace fs = std::filesystem;
namespace {

constexpr const char* kMagic = "defsim-sweep-manifest 1";

std::string join_tabs(const std::vector<std::string>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) out += (k ? "\t" : "") + items[k];
  return out;
}


std::string manifest_text(const Manifest& m) {
  std::string out = std::string(kMagic) + "\n";
  out += "name\t" + m.name + "\n";
  out += "sweep_file\t" + m.sweep_file + "\n";
  out += "scenario\t" + m.scenario_file + "\n";
  out += "fingerprint\t" + m.fingerprint + "\n";
  out += "method\t" + m.method + "\n";
  out += fmt::format("samples\t{}\nmorris_levels\t{}\nreplications\t{}\nruns\t{}\n", m.samples, m.morris_levels,
                     m.replications, m.runs);
  out += "parameters\t" + join_tabs(m.parameters) + "\n";
  out += "metrics\t" + join_tabs(m.metric_families) + "\n";
  return out;
}

// design.csv: run, then each parameter's value, then each parameter's unit design point.
std::string design_text(const Manifest& m) {
  std::string out = "run";
  for (const auto& p : m.parameters) out += "," + p;
  for (const auto& p : m.parameters) out += ",unit:" + p;
  out += "\n";
  for (Eigen::Index r = 0; r < m.values.rows(); ++r) {
    out += std::to_string(r);
    for (Eigen::Index j = 0; j < m.values.cols(); ++j) out += fmt::format(",{}", m.values(r, j));
    for (Eigen::Index j = 0; j < m.unit_points.cols(); ++j) out += fmt::format(",{}", m.unit_points(r, j));
    out += "\n";
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read " + path + ": " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Manifest make_manifest(const SweepSpec& spec, const SweepPlan& plan, int replications) {
  Manifest m;
  m.name = spec.name;
  m.sweep_file = spec.file;
  m.scenario_file = spec.scenario_file;
  m.fingerprint = spec.fingerprint;
  m.method = to_string(spec.method);
  m.samples = spec.samples;
  m.morris_levels = spec.method == DesignMethod::morris ? spec.morris_levels : 0;
  m.replications = replications;
  m.runs = plan.runs();
  for (const auto& p : spec.parameters) m.parameters.push_back(p.path);
  m.metric_families = spec.metrics;
  m.values = plan.values;
  m.unit_points = plan.unit_points;
  return m;
}

void write_or_check_manifest(const std::string& dir, const Manifest& manifest) {
  const std::string path = (fs::path(dir) / "manifest.txt").string();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    Manifest existing;
    try {
      existing = read_manifest(dir);
    } catch (const IoError& e) {
      throw UsageError(std::string(e.what()) + "; remove " + path + " to start this sweep afresh in " + dir);
    }
    if (existing.fingerprint != manifest.fingerprint) {
      throw UsageError(dir + " holds sweep '" + existing.name + "' (fingerprint " + existing.fingerprint +
                       "), not this one ('" + manifest.name + "', fingerprint " + manifest.fingerprint +
                       "): the sweep file or its scenario changed. Use another output directory, or delete " + dir +
                       " to start again");
    }
    return;
  }
  // design.csv first: a manifest.txt on disk promises that its design is there too.
  write_file_atomically((fs::path(dir) / "design.csv").string(), design_text(manifest));
  const std::string body = manifest_text(manifest);
  write_file_atomically(path, body + "checksum\t" + hex_digest(body + design_text(manifest)) + "\n");
}

Manifest read_manifest(const std::string& dir) {
  const std::string path = (fs::path(dir) / "manifest.txt").string();
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IoError(dir + " is not a sweep directory (no manifest.txt)");
  const std::string text = read_text(path);
  const std::string design = read_text((fs::path(dir) / "design.csv").string());
  const size_t tail = text.rfind("checksum\t");
  if (tail == std::string::npos || text.substr(tail + 9, 32) != hex_digest(text.substr(0, tail) + design)) {
    throw IoError(path + " or design.csv is damaged (checksum mismatch)");
  }
  Manifest m;
  std::istringstream lines(text.substr(0, tail));
  std::string line;
  std::getline(lines, line);
  if (line != kMagic) throw IoError(path + " is not a defsim sweep manifest");
  auto to_int = [&](const std::string& s) {
    long long v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  };
  while (std::getline(lines, line)) {
    auto f = split_fields(line, '\t');
    const std::string key = f[0];
    const std::string value = f.size() > 1 ? f[1] : "";
    if (key == "name") m.name = value;
    else if (key == "sweep_file") m.sweep_file = value;
    else if (key == "scenario") m.scenario_file = value;
    else if (key == "fingerprint") m.fingerprint = value;
    else if (key == "method") m.method = value;
    else if (key == "samples") m.samples = to_int(value);
    else if (key == "morris_levels") m.morris_levels = static_cast<int>(to_int(value));
    else if (key == "replications") m.replications = static_cast<int>(to_int(value));
    else if (key == "runs") m.runs = to_int(value);
    else if (key == "parameters") m.parameters.assign(f.begin() + 1, f.end());
    else if (key == "metrics") m.metric_families.assign(f.begin() + 1, f.end());
  }
  const auto d = static_cast<Eigen::Index>(m.parameters.size());
  m.values.resize(m.runs, d);
  m.unit_points.resize(m.runs, d);
  std::istringstream rows(design);
  std::getline(rows, line);  // header
  for (Eigen::Index r = 0; r < m.runs; ++r) {
    if (!std::getline(rows, line)) throw IoError("design.csv in " + dir + " has fewer rows than the manifest's runs");
    auto f = split_fields(line, ',');
    if (static_cast<Eigen::Index>(f.size()) != 1 + 2 * d) throw IoError("design.csv in " + dir + ": bad row " + std::to_string(r));
    for (Eigen::Index j = 0; j < d; ++j) {
      const auto& v = f[static_cast<size_t>(1 + j)];
      const auto& u = f[static_cast<size_t>(1 + d + j)];
      std::from_chars(v.data(), v.data() + v.size(), m.values(r, j));
      std::from_chars(u.data(), u.data() + u.size(), m.unit_points(r, j));
    }
  }
  return m;
}

}  // namespace defsim::sweep
