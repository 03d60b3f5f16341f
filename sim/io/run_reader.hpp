#pragma once
// Read access to a run file written by RunFileWriter, for `defsim compare`, exports and
// tests. Opening checks that the file is a defsim run file of a format version this build
// understands; every failure is an IoError naming the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace defsim {

// A numeric dataset as doubles, row-major; (replications, periods, rows) for variables.
struct Array {
  std::vector<double> values;
  std::vector<std::size_t> dims;
  std::size_t size() const { return values.size(); }
};

class RunFileReader {
 public:
  // Throws IoError if the file is missing, is not HDF5, is not a defsim run file, or was
  // written by a newer format version.
  explicit RunFileReader(std::string path);
  RunFileReader(const RunFileReader&) = delete;
  RunFileReader& operator=(const RunFileReader&) = delete;
  ~RunFileReader();

  const std::string& path() const { return path_; }

  // Root attributes.
  bool has_attribute(const std::string& name) const;
  std::string string_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;
  std::uint64_t uint_attribute(const std::string& name) const;
  // Names of every root attribute (in HDF5's name order), and any of them as text: strings
  // as they are, integers in full (seeds exceed a double's 53 bits), floats shortest-exact.
  std::vector<std::string> attribute_names() const;
  std::string attribute_text(const std::string& name) const;

  // Datasets by path, e.g. "/index/goods" or "goods/deliveries".
  bool has_dataset(const std::string& path) const;
  std::vector<std::string> strings(const std::string& path) const;
  Array read(const std::string& path) const;
  std::string dataset_string_attribute(const std::string& path, const std::string& name) const;
  std::vector<std::string> dataset_strings_attribute(const std::string& path, const std::string& name) const;
  bool dataset_has_attribute(const std::string& path, const std::string& name) const;
  // An integer dataset read exactly (seeds do not fit a double).
  std::vector<std::uint64_t> read_uint64(const std::string& path) const;

  // Names of the members of a group ("/", "/goods" …), in HDF5's name order.
  std::vector<std::string> members(const std::string& group) const;

  // Convenience for the fixed layout.
  std::vector<std::string> variables() const;               // "group/name" of every recorded variable
  std::vector<std::uint8_t> recorded_replications() const;  // (replications) 1 = data present

 private:
  std::string path_;
  std::string context_;
  std::int64_t file_ = -1;  // hid_t
};

}  // namespace defsim
