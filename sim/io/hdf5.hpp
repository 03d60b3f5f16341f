#pragma once
// A thin layer over the HDF5 C API shared by the run-file writer and reader: RAII handles,
// a process-wide lock, and every failure turned into an IoError that names the file and
// what was being done. Debian's HDF5 is built without thread safety, so every HDF5 call in
// the process, including closing a handle, must happen while an h5::Lock is alive.
#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace defsim::h5 {

// Holds the process-wide HDF5 mutex (recursive, so helpers may lock again). It also switches
// off HDF5's printing of its error stack to stderr: failures become IoError instead.
class Lock {
 public:
  Lock();

 private:
  std::unique_lock<std::recursive_mutex> lock_;
};

// An owned hid_t. Construct and destroy it only under a Lock.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  ~Handle() { release(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now and reports the status (closing a dataset or file may flush and fail).
  herr_t close();

 private:
  void release() noexcept;
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// The innermost message of HDF5's current error stack ("No space left on device" when the
// OS reported errno), then clears the stack. Empty if there is none.
std::string error_detail();

// Throws IoError "<context>: <what>: <HDF5 detail>".
[[noreturn]] void fail(std::string_view context, std::string_view what);
hid_t check_id(hid_t id, std::string_view context, std::string_view what);
void check_status(herr_t status, std::string_view context, std::string_view what);
Handle owned(hid_t id, Handle::Closer closer, std::string_view context, std::string_view what);

// File access properties for run files: file locking off, because each file has one writer
// by design and HDF5's locks fail or hang on NFS and Lustre.
Handle file_access(std::string_view context);

Handle vl_string_type(std::string_view context);  // variable-length UTF-8 string

// Transfer properties whose type-conversion buffer fits `elements` values (up to HDF5's
// default of 1 MiB). The default buffer is zeroed on every converting read or write, which
// made writing a few dozen short string lists take a tenth of a second.
Handle transfer(std::size_t elements, std::string_view context);

// Writers. `context` names the file for messages; `loc` is a file or group.
Handle create_group(hid_t loc, const std::string& name, std::string_view context);
void write_attribute(hid_t obj, const char* name, const std::string& value, std::string_view context);
void write_attribute(hid_t obj, const char* name, const std::vector<std::string>& values,
                     std::string_view context);
void write_attribute(hid_t obj, const char* name, std::int32_t value, std::string_view context);
void write_attribute(hid_t obj, const char* name, std::uint64_t value, std::string_view context);
void write_attribute(hid_t obj, const char* name, std::uint8_t value, std::string_view context);
void write_scalar_string(hid_t loc, const std::string& name, const std::string& value,
                         std::string_view context);
void write_dataset(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                   std::string_view context);
void write_dataset(hid_t loc, const std::string& name, const std::vector<std::int32_t>& values,
                   std::string_view context);
void write_dataset(hid_t loc, const std::string& name, const std::vector<std::uint64_t>& values,
                   std::string_view context);
void write_dataset(hid_t loc, const std::string& name, const std::vector<std::uint8_t>& values,
                   std::string_view context);
// A row-major double array of shape `dims` (their product must equal values.size()).
void write_dataset(hid_t loc, const std::string& name, const std::vector<double>& values,
                   const std::vector<std::size_t>& dims, std::string_view context);

// Readers. `obj` is an open file, group or dataset.
bool exists(hid_t file, const std::string& path);  // every component of "a/b/c" exists
bool has_attribute(hid_t obj, const char* name, std::string_view context);
std::string read_string_attribute(hid_t obj, const char* name, std::string_view context);
std::vector<std::string> read_strings_attribute(hid_t obj, const char* name, std::string_view context);
std::int64_t read_int_attribute(hid_t obj, const char* name, std::string_view context);
std::uint64_t read_uint_attribute(hid_t obj, const char* name, std::string_view context);
// A string dataset of any rank (flattened) or a scalar string dataset (one element).
std::vector<std::string> read_strings(hid_t file, const std::string& path, std::string_view context);
// A numeric dataset converted to double, flattened row-major, with its dimensions.
std::vector<double> read_doubles(hid_t file, const std::string& path, std::vector<std::size_t>& dims,
                                 std::string_view context);

}  // namespace defsim::h5
