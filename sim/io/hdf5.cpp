#include "io/hdf5.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "core/error.hpp"

namespace defsim::h5 {
namespace {

std::recursive_mutex& hdf5_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

// HDF5 reports OS failures as "... errno = 28, error message = 'No space left on device' ...";
// the quoted part is what a user needs.
std::string os_message(const std::string& desc) {
  static constexpr std::string_view kKey = "error message = '";
  const auto start = desc.find(kKey);
  if (start == std::string::npos) return {};
  const auto from = start + kKey.size();
  const auto end = desc.find('\'', from);
  return end == std::string::npos ? std::string{} : desc.substr(from, end - from);
}

hid_t space_1d(std::size_t n, std::string_view context) {
  const std::array<hsize_t, 1> dims = {static_cast<hsize_t>(n)};
  return check_id(H5Screate_simple(1, dims.data(), nullptr), context, "cannot create a dataspace");
}

Handle create_dataset_1d(hid_t loc, const std::string& name, hid_t file_type, std::size_t n,
                         std::string_view context) {
  Handle space(space_1d(n, context), H5Sclose);
  return owned(H5Dcreate2(loc, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose, context, "cannot create dataset " + name);
}

template <class T>
void write_numeric_dataset(hid_t loc, const std::string& name, const std::vector<T>& values, hid_t file_type,
                           hid_t mem_type, std::string_view context) {
  Handle dset = create_dataset_1d(loc, name, file_type, values.size(), context);
  if (!values.empty()) {
    check_status(H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), context,
                 "cannot write dataset " + name);
  }
  check_status(dset.close(), context, "cannot close dataset " + name);
}

template <class T>
void write_scalar_attribute(hid_t obj, const char* name, const T& value, hid_t file_type, hid_t mem_type,
                            std::string_view context) {
  Handle space(check_id(H5Screate(H5S_SCALAR), context, "cannot create a dataspace"), H5Sclose);
  Handle attr = owned(H5Acreate2(obj, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                      context, fmt::format("cannot create attribute {}", name));
  check_status(H5Awrite(attr.get(), mem_type, &value), context,
               fmt::format("cannot write attribute {}", name));
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(v.c_str());
  return out;
}

// Reads all strings of an attribute or dataset (`read` does the H5Aread/H5Dread) whatever
// its string flavour: variable-length (what defsim writes) or fixed-length.
template <class Read>
std::vector<std::string> read_string_elements(hid_t file_type, hid_t space, Read read,
                                              std::string_view context, std::string_view what) {
  if (H5Tget_class(file_type) != H5T_STRING) fail(context, fmt::format("{} is not a string", what));
  const hssize_t n_signed = H5Sget_simple_extent_npoints(space);
  if (n_signed < 0) fail(context, fmt::format("cannot size {}", what));
  const auto n = static_cast<std::size_t>(n_signed);
  std::vector<std::string> out;
  out.reserve(n);
  const htri_t variable = H5Tis_variable_str(file_type);
  if (variable < 0) fail(context, fmt::format("cannot inspect the string type of {}", what));
  if (variable > 0) {
    Handle mem = vl_string_type(context);
    std::vector<char*> ptrs(n, nullptr);
    check_status(read(mem.get(), static_cast<void*>(ptrs.data())), context,
                 fmt::format("cannot read {}", what));
    for (char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
    if (n > 0) H5Dvlen_reclaim(mem.get(), space, H5P_DEFAULT, ptrs.data());
  } else {
    const std::size_t width = H5Tget_size(file_type);
    Handle mem(check_id(H5Tcopy(H5T_C_S1), context, "cannot copy a string type"), H5Tclose);
    check_status(H5Tset_size(mem.get(), width), context, "cannot size a string type");
    std::vector<char> buf(n * width + 1, '\0');
    check_status(read(mem.get(), static_cast<void*>(buf.data())), context,
                 fmt::format("cannot read {}", what));
    for (std::size_t i = 0; i < n; ++i) {
      const char* s = buf.data() + i * width;
      out.emplace_back(s, strnlen(s, width));
    }
  }
  return out;
}

Handle open_attribute(hid_t obj, const char* name, std::string_view context) {
  if (!has_attribute(obj, name, context)) fail(context, fmt::format("attribute {} is missing", name));
  return owned(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, context,
               fmt::format("cannot open attribute {}", name));
}

template <class T>
T read_numeric_attribute(hid_t obj, const char* name, hid_t mem_type, std::string_view context) {
  Handle attr = open_attribute(obj, name, context);
  Handle type =
      owned(H5Aget_type(attr.get()), H5Tclose, context, fmt::format("cannot read attribute {}", name));
  if (H5Tget_class(type.get()) != H5T_INTEGER) {
    fail(context, fmt::format("attribute {} is not an integer", name));
  }
  T value{};
  check_status(H5Aread(attr.get(), mem_type, &value), context, fmt::format("cannot read attribute {}", name));
  return value;
}

}  // namespace

Lock::Lock() : lock_(hdf5_mutex()) {
  // Per thread: a thread-safe HDF5 build keeps error settings per thread (Debian's keeps
  // one global setting, and silencing it twice is harmless).
  thread_local bool silenced = false;
  if (!silenced) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
  }
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    release();
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = -1;
  }
  return *this;
}

herr_t Handle::close() {
  if (id_ < 0) return 0;
  const herr_t status = closer_(id_);
  id_ = -1;
  return status;
}

void Handle::release() noexcept {
  if (id_ >= 0 && closer_ != nullptr) closer_(id_);
  id_ = -1;
}

std::string error_detail() {
  // Walking upward starts at the innermost failure, where the OS error (if any) lives.
  struct Found {
    std::string innermost;
    std::string os;
  } found;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned, const H5E_error2_t* err, void* data) -> herr_t {
        auto* f = static_cast<Found*>(data);
        const std::string desc = err->desc != nullptr ? err->desc : "";
        if (f->innermost.empty()) f->innermost = desc;
        if (f->os.empty()) f->os = os_message(desc);
        return 0;
      },
      &found);
  H5Eclear2(H5E_DEFAULT);
  return found.os.empty() ? found.innermost : found.os;
}

void fail(std::string_view context, std::string_view what) {
  const std::string detail = error_detail();
  if (detail.empty()) throw IoError(fmt::format("{}: {}", context, what));
  throw IoError(fmt::format("{}: {}: {}", context, what, detail));
}

hid_t check_id(hid_t id, std::string_view context, std::string_view what) {
  if (id < 0) fail(context, what);
  return id;
}

void check_status(herr_t status, std::string_view context, std::string_view what) {
  if (status < 0) fail(context, what);
}

Handle owned(hid_t id, Handle::Closer closer, std::string_view context, std::string_view what) {
  return {check_id(id, context, what), closer};
}

Handle file_access(std::string_view context) {
  Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, context, "cannot create file access properties");
#if H5_VERSION_GE(1, 10, 7)
  check_status(H5Pset_file_locking(fapl.get(), false, true), context, "cannot switch off file locking");
#endif
  return fapl;
}

Handle vl_string_type(std::string_view context) {
  Handle type(check_id(H5Tcopy(H5T_C_S1), context, "cannot copy a string type"), H5Tclose);
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), context, "cannot make a variable-length string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), context, "cannot make a UTF-8 string type");
  return type;
}

Handle transfer(std::size_t elements, std::string_view context) {
  // 16 bytes covers the widest element converted here (a variable-length string in the
  // file). Larger transfers are converted in 1 MiB strips, as by default.
  constexpr std::size_t kElementBytes = 16;
  constexpr std::size_t kMinBytes = 4096;
  constexpr std::size_t kMaxBytes = std::size_t{1} << 20;
  const std::size_t bytes = std::clamp(elements * kElementBytes, kMinBytes, kMaxBytes);
  Handle dxpl = owned(H5Pcreate(H5P_DATASET_XFER), H5Pclose, context, "cannot create transfer properties");
  check_status(H5Pset_buffer(dxpl.get(), bytes, nullptr, nullptr), context,
               "cannot size the conversion buffer");
  return dxpl;
}

Handle create_group(hid_t loc, const std::string& name, std::string_view context) {
  return owned(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, context,
               "cannot create group " + name);
}

void write_attribute(hid_t obj, const char* name, const std::string& value, std::string_view context) {
  Handle type = vl_string_type(context);
  const char* ptr = value.c_str();
  write_scalar_attribute(obj, name, ptr, type.get(), type.get(), context);
}

void write_attribute(hid_t obj, const char* name, const std::vector<std::string>& values,
                     std::string_view context) {
  Handle type = vl_string_type(context);
  Handle space(space_1d(values.size(), context), H5Sclose);
  Handle attr = owned(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                      context, fmt::format("cannot create attribute {}", name));
  const auto ptrs = c_strings(values);
  if (!ptrs.empty()) {
    check_status(H5Awrite(attr.get(), type.get(), ptrs.data()), context,
                 fmt::format("cannot write attribute {}", name));
  }
}

void write_attribute(hid_t obj, const char* name, std::int32_t value, std::string_view context) {
  write_scalar_attribute(obj, name, value, H5T_STD_I32LE, H5T_NATIVE_INT32, context);
}

void write_attribute(hid_t obj, const char* name, std::uint64_t value, std::string_view context) {
  write_scalar_attribute(obj, name, value, H5T_STD_U64LE, H5T_NATIVE_UINT64, context);
}

void write_attribute(hid_t obj, const char* name, std::uint8_t value, std::string_view context) {
  write_scalar_attribute(obj, name, value, H5T_STD_U8LE, H5T_NATIVE_UINT8, context);
}

void write_scalar_string(hid_t loc, const std::string& name, const std::string& value,
                         std::string_view context) {
  Handle type = vl_string_type(context);
  Handle space(check_id(H5Screate(H5S_SCALAR), context, "cannot create a dataspace"), H5Sclose);
  Handle dset =
      owned(H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            H5Dclose, context, "cannot create dataset " + name);
  const char* ptr = value.c_str();
  Handle dxpl = transfer(1, context);
  check_status(H5Dwrite(dset.get(), type.get(), H5S_ALL, H5S_ALL, dxpl.get(), &ptr), context,
               "cannot write dataset " + name);
  check_status(dset.close(), context, "cannot close dataset " + name);
}

void write_dataset(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                   std::string_view context) {
  Handle type = vl_string_type(context);
  Handle dset = create_dataset_1d(loc, name, type.get(), values.size(), context);
  const auto ptrs = c_strings(values);
  if (!ptrs.empty()) {
    Handle dxpl = transfer(ptrs.size(), context);
    check_status(H5Dwrite(dset.get(), type.get(), H5S_ALL, H5S_ALL, dxpl.get(), ptrs.data()), context,
                 "cannot write dataset " + name);
  }
  check_status(dset.close(), context, "cannot close dataset " + name);
}

void write_dataset(hid_t loc, const std::string& name, const std::vector<std::int32_t>& values,
                   std::string_view context) {
  write_numeric_dataset(loc, name, values, H5T_STD_I32LE, H5T_NATIVE_INT32, context);
}

void write_dataset(hid_t loc, const std::string& name, const std::vector<std::uint64_t>& values,
                   std::string_view context) {
  write_numeric_dataset(loc, name, values, H5T_STD_U64LE, H5T_NATIVE_UINT64, context);
}

void write_dataset(hid_t loc, const std::string& name, const std::vector<std::uint8_t>& values,
                   std::string_view context) {
  write_numeric_dataset(loc, name, values, H5T_STD_U8LE, H5T_NATIVE_UINT8, context);
}

void write_dataset(hid_t loc, const std::string& name, const std::vector<double>& values,
                   const std::vector<std::size_t>& dims, std::string_view context) {
  std::vector<hsize_t> shape(dims.begin(), dims.end());
  Handle space(check_id(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), context,
                        "cannot create a dataspace"),
               H5Sclose);
  Handle dset = owned(H5Dcreate2(loc, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      H5Dclose, context, "cannot create dataset " + name);
  if (!values.empty()) {
    check_status(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), context,
                 "cannot write dataset " + name);
  }
  check_status(dset.close(), context, "cannot close dataset " + name);
}

bool exists(hid_t file, const std::string& path) {
  // H5Lexists fails (rather than answering no) when an intermediate group is missing, so
  // walk the path one component at a time.
  std::string prefix;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    prefix += "/" + path.substr(start, end - start);
    const htri_t found = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
    if (found <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

bool has_attribute(hid_t obj, const char* name, std::string_view context) {
  const htri_t found = H5Aexists(obj, name);
  if (found < 0) fail(context, fmt::format("cannot look up attribute {}", name));
  return found > 0;
}

std::string read_string_attribute(hid_t obj, const char* name, std::string_view context) {
  auto values = read_strings_attribute(obj, name, context);
  if (values.size() != 1) fail(context, fmt::format("attribute {} is not a single string", name));
  return std::move(values.front());
}

std::vector<std::string> read_strings_attribute(hid_t obj, const char* name, std::string_view context) {
  Handle attr = open_attribute(obj, name, context);
  Handle type =
      owned(H5Aget_type(attr.get()), H5Tclose, context, fmt::format("cannot read attribute {}", name));
  Handle space =
      owned(H5Aget_space(attr.get()), H5Sclose, context, fmt::format("cannot read attribute {}", name));
  const hid_t a = attr.get();
  return read_string_elements(
      type.get(), space.get(), [a](hid_t mem, void* buf) { return H5Aread(a, mem, buf); }, context,
      fmt::format("attribute {}", name));
}

std::int64_t read_int_attribute(hid_t obj, const char* name, std::string_view context) {
  return read_numeric_attribute<std::int64_t>(obj, name, H5T_NATIVE_INT64, context);
}

std::uint64_t read_uint_attribute(hid_t obj, const char* name, std::string_view context) {
  return read_numeric_attribute<std::uint64_t>(obj, name, H5T_NATIVE_UINT64, context);
}

std::vector<std::string> read_strings(hid_t file, const std::string& path, std::string_view context) {
  if (!exists(file, path)) fail(context, "dataset " + path + " is missing");
  Handle dset =
      owned(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, context, "cannot open dataset " + path);
  Handle type = owned(H5Dget_type(dset.get()), H5Tclose, context, "cannot read dataset " + path);
  Handle space = owned(H5Dget_space(dset.get()), H5Sclose, context, "cannot read dataset " + path);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  Handle dxpl = transfer(n > 0 ? static_cast<std::size_t>(n) : 1, context);
  const hid_t d = dset.get();
  const hid_t x = dxpl.get();
  return read_string_elements(
      type.get(), space.get(),
      [d, x](hid_t mem, void* buf) { return H5Dread(d, mem, H5S_ALL, H5S_ALL, x, buf); }, context,
      "dataset " + path);
}

std::vector<double> read_doubles(hid_t file, const std::string& path, std::vector<std::size_t>& dims,
                                 std::string_view context) {
  if (!exists(file, path)) fail(context, "dataset " + path + " is missing");
  Handle dset =
      owned(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, context, "cannot open dataset " + path);
  Handle type = owned(H5Dget_type(dset.get()), H5Tclose, context, "cannot read dataset " + path);
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) fail(context, "dataset " + path + " is not numeric");
  Handle space = owned(H5Dget_space(dset.get()), H5Sclose, context, "cannot read dataset " + path);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail(context, "cannot read the shape of dataset " + path);
  std::vector<hsize_t> shape(static_cast<std::size_t>(rank));
  if (rank > 0) {
    check_status(H5Sget_simple_extent_dims(space.get(), shape.data(), nullptr), context,
                 "cannot read the shape of dataset " + path);
  }
  dims.assign(shape.begin(), shape.end());
  std::size_t n = 1;
  for (auto d : dims) n *= d;
  std::vector<double> values(n);
  if (n > 0) {
    Handle dxpl = transfer(n, context);
    check_status(H5Dread(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, dxpl.get(), values.data()), context,
                 "cannot read dataset " + path);
  }
  return values;
}

}  // namespace defsim::h5
