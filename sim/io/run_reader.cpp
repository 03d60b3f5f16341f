#include "io/run_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <string_view>

#include "core/error.hpp"
#include "io/hdf5.hpp"

namespace defsim {
namespace {

constexpr const char* kFormat = "defsim-run";
constexpr std::int64_t kNewestFormatVersion = 1;
// Groups of the fixed layout that hold no variables.
constexpr std::array<std::string_view, 5> kLayoutGroups = {"diagnostics", "index", "provenance",
                                                           "replications", "time"};

}  // namespace

RunFileReader::RunFileReader(std::string path) : path_(std::move(path)), context_("run file " + path_) {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) throw IoError(fmt::format("{}: no such file", context_));
  if (std::filesystem::is_directory(path_, ec)) throw IoError(fmt::format("{}: is a directory", context_));

  h5::Lock lock;
  h5::Handle fapl = h5::file_access(context_);
#if H5_VERSION_GE(1, 12, 0)
  const htri_t is_hdf5 = H5Fis_accessible(path_.c_str(), fapl.get());
#else
  const htri_t is_hdf5 = H5Fis_hdf5(path_.c_str());
#endif
  if (is_hdf5 <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw IoError(fmt::format(
        "{}: not an HDF5 file (is it a run file that is still being written, or another file?)", context_));
  }
  file_ = h5::check_id(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, fapl.get()), context_, "cannot open");
  try {
    if (!h5::has_attribute(file_, "format", context_) ||
        h5::read_string_attribute(file_, "format", context_) != kFormat) {
      throw IoError(fmt::format("{}: an HDF5 file, but not a defsim run file (no format attribute '{}')",
                                context_, kFormat));
    }
    const std::int64_t version = h5::read_int_attribute(file_, "format_version", context_);
    if (version > kNewestFormatVersion) {
      throw IoError(
          fmt::format("{}: written in run-file format version {}; this defsim reads up to version {}",
                      context_, version, kNewestFormatVersion));
    }
  } catch (...) {
    H5Fclose(file_);
    file_ = -1;
    throw;
  }
}

RunFileReader::~RunFileReader() {
  if (file_ < 0) return;
  h5::Lock lock;
  H5Fclose(file_);
}

bool RunFileReader::has_attribute(const std::string& name) const {
  h5::Lock lock;
  return h5::has_attribute(file_, name.c_str(), context_);
}

std::string RunFileReader::string_attribute(const std::string& name) const {
  h5::Lock lock;
  return h5::read_string_attribute(file_, name.c_str(), context_);
}

std::int64_t RunFileReader::int_attribute(const std::string& name) const {
  h5::Lock lock;
  return h5::read_int_attribute(file_, name.c_str(), context_);
}

std::uint64_t RunFileReader::uint_attribute(const std::string& name) const {
  h5::Lock lock;
  return h5::read_uint_attribute(file_, name.c_str(), context_);
}

std::vector<std::string> RunFileReader::attribute_names() const {
  h5::Lock lock;
  H5O_info_t info;
#if H5_VERSION_GE(1, 12, 0)
  h5::check_status(H5Oget_info3(file_, &info, H5O_INFO_NUM_ATTRS), context_, "cannot list root attributes");
#else
  h5::check_status(H5Oget_info2(file_, &info, H5O_INFO_NUM_ATTRS), context_, "cannot list root attributes");
#endif
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    const ssize_t len =
        H5Aget_name_by_idx(file_, "/", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) h5::fail(context_, "cannot list root attributes");
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Aget_name_by_idx(file_, "/", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) <
        0) {
      h5::fail(context_, "cannot list root attributes");
    }
    name.resize(static_cast<std::size_t>(len));
    names.push_back(std::move(name));
  }
  return names;
}

std::string RunFileReader::attribute_text(const std::string& name) const {
  h5::Lock lock;
  h5::Handle attr = h5::owned(H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose, context_,
                              "cannot open attribute " + name);
  h5::Handle type = h5::owned(H5Aget_type(attr.get()), H5Tclose, context_, "cannot read attribute " + name);
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: return h5::read_string_attribute(file_, name.c_str(), context_);
    case H5T_INTEGER:
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE)
        return std::to_string(h5::read_uint_attribute(file_, name.c_str(), context_));
      return std::to_string(h5::read_int_attribute(file_, name.c_str(), context_));
    case H5T_FLOAT: {
      double v = 0.0;
      h5::check_status(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v), context_, "cannot read attribute " + name);
      return fmt::format("{}", v);
    }
    default: h5::fail(context_, "attribute " + name + " is neither text nor a number");
  }
}

bool RunFileReader::has_dataset(const std::string& path) const {
  h5::Lock lock;
  if (!h5::exists(file_, path)) return false;
  h5::Handle obj =
      h5::owned(H5Oopen(file_, path.c_str(), H5P_DEFAULT), H5Oclose, context_, "cannot open " + path);
  return H5Iget_type(obj.get()) == H5I_DATASET;
}

std::vector<std::string> RunFileReader::strings(const std::string& path) const {
  h5::Lock lock;
  return h5::read_strings(file_, path, context_);
}

Array RunFileReader::read(const std::string& path) const {
  h5::Lock lock;
  Array a;
  a.values = h5::read_doubles(file_, path, a.dims, context_);
  return a;
}

std::string RunFileReader::dataset_string_attribute(const std::string& path, const std::string& name) const {
  h5::Lock lock;
  if (!h5::exists(file_, path)) h5::fail(context_, "dataset " + path + " is missing");
  h5::Handle obj =
      h5::owned(H5Oopen(file_, path.c_str(), H5P_DEFAULT), H5Oclose, context_, "cannot open " + path);
  return h5::read_string_attribute(obj.get(), name.c_str(), fmt::format("{}: {}", context_, path));
}

std::vector<std::string> RunFileReader::dataset_strings_attribute(const std::string& path,
                                                                  const std::string& name) const {
  h5::Lock lock;
  if (!h5::exists(file_, path)) h5::fail(context_, "dataset " + path + " is missing");
  h5::Handle obj =
      h5::owned(H5Oopen(file_, path.c_str(), H5P_DEFAULT), H5Oclose, context_, "cannot open " + path);
  return h5::read_strings_attribute(obj.get(), name.c_str(), fmt::format("{}: {}", context_, path));
}

bool RunFileReader::dataset_has_attribute(const std::string& path, const std::string& name) const {
  h5::Lock lock;
  if (!h5::exists(file_, path)) h5::fail(context_, "dataset " + path + " is missing");
  h5::Handle obj =
      h5::owned(H5Oopen(file_, path.c_str(), H5P_DEFAULT), H5Oclose, context_, "cannot open " + path);
  return h5::has_attribute(obj.get(), name.c_str(), fmt::format("{}: {}", context_, path));
}

std::vector<std::uint64_t> RunFileReader::read_uint64(const std::string& path) const {
  h5::Lock lock;
  if (!h5::exists(file_, path)) h5::fail(context_, "dataset " + path + " is missing");
  h5::Handle dset = h5::owned(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), H5Dclose, context_,
                              "cannot open dataset " + path);
  h5::Handle space = h5::owned(H5Dget_space(dset.get()), H5Sclose, context_, "cannot read dataset " + path);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) h5::fail(context_, "cannot read the shape of dataset " + path);
  std::vector<std::uint64_t> values(static_cast<std::size_t>(n));
  if (n > 0) {
    h5::check_status(H5Dread(dset.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     context_, "cannot read dataset " + path);
  }
  return values;
}

std::vector<std::string> RunFileReader::members(const std::string& group) const {
  h5::Lock lock;
  if (group != "/" && !h5::exists(file_, group)) h5::fail(context_, "group " + group + " is missing");
  h5::Handle g = h5::owned(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), H5Gclose, context_,
                           "cannot open group " + group);
  H5G_info_t info;
  h5::check_status(H5Gget_info(g.get(), &info), context_, "cannot list group " + group);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) h5::fail(context_, "cannot list group " + group);
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) < 0) {
      h5::fail(context_, "cannot list group " + group);
    }
    name.resize(static_cast<std::size_t>(len));
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> RunFileReader::variables() const {
  std::vector<std::string> out;
  for (const auto& group : members("/")) {
    bool layout = false;
    for (const auto g : kLayoutGroups) layout = layout || group == g;
    if (layout) continue;
    for (const auto& name : members("/" + group)) out.push_back(group + "/" + name);
  }
  return out;
}

std::vector<std::uint8_t> RunFileReader::recorded_replications() const {
  const Array a = read("/replications/recorded");
  std::vector<std::uint8_t> out;
  out.reserve(a.size());
  for (double v : a.values) out.push_back(v != 0.0 ? 1 : 0);
  return out;
}

}  // namespace defsim
