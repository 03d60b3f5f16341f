#pragma once
// One HDF5 file per run, written atomically: everything goes to a temporary file in the
// target directory, and only commit() renames it onto the final name. A killed or failed
// run therefore never leaves a partial file under the final name, and a sweep can resume
// by skipping the runs whose files exist. The layout is documented in docs/OUTPUT.md.
#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/model.hpp"
#include "io/chunk_codec.hpp"
#include "io/recorder.hpp"

namespace defsim {

// How and where the run was executed; stored as root attributes for provenance.
struct RunInfo {
  int threads = 1;
  std::string started_utc;  // ISO 8601, e.g. "2024-05-01T12:00:00Z"
  std::string finished_utc;
  std::string host;
  std::string command_line;
};

class RunFileWriter {
 public:
  // Creates `<final_path>.tmp.<pid>.<n>` exclusively and writes provenance, the index and
  // time axes, and empty (fill-valued) datasets for every selected variable. Throws
  // IoError naming the path when the parent directory does not exist or is not writable,
  // or when HDF5 fails; UsageError on an invalid output spec. Nothing is left behind on
  // failure.
  RunFileWriter(std::string final_path, const Model& model, const RunInfo& info);
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;
  // Uncommitted: closes and deletes the temporary file. Never throws.
  ~RunFileWriter();

  // Stores one replication's recorded periods and its anomaly counts. Safe to call from
  // several threads: each compresses its own chunks in parallel with the others, and only
  // the HDF5 calls that store them are serialised. Throws UsageError if the replication is
  // out of range or already written, or the recorder is incomplete or from another model;
  // IoError if HDF5 fails (a full disk included).
  void write_replication(int replication, const Recorder& recorder, const Diagnostics& diagnostics);

  // Writes the run info (info.finished_utc; its other fields replace the constructor's where
  // set: non-empty strings, threads other than 1), diagnostics and replication table,
  // flushes, closes, syncs and renames the file onto the final path, replacing any file there. Replications
  // never written keep fill values and are marked 0 in /replications/recorded. After a failed commit the
  // writer is spent: the destructor removes the temporary file.
  void commit(const RunInfo& info);

  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }
  bool committed() const { return committed_; }

 private:
  struct Dataset {
    const VariableDef* def;
    Index rows;
    std::string path;  // "/goods/deliveries"
    ChunkLayout layout{};  // how one replication is stored (set when the dataset is created)
  };
  void write_header(const Model& model);
  void require_usable(const char* operation) const;
  void discard() noexcept;

  std::string final_path_;
  std::string temp_path_;
  std::string context_;  // "run file <final_path>", prefix of every error message
  RunInfo info_;
  std::uint64_t seed_ = 0;
  int replications_ = 0;
  std::size_t periods_ = 0;
  std::vector<Dataset> datasets_;
  std::vector<Diagnostics> diagnostics_;  // (replications)
  std::vector<std::uint8_t> recorded_;    // (replications) 1 once written
  std::int64_t file_ = -1;                // hid_t of the open temporary file
  bool committed_ = false;
  bool spent_ = false;  // a commit was attempted
};

}  // namespace defsim
