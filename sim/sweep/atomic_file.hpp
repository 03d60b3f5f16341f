#pragma once
// Small text files (results, manifests, summaries) are written to a temporary file beside
// the target, fsynced and renamed over it: a reader, or a sweep resumed after SIGKILL, sees
// the old file or the complete new one, never a torn one.
#include <string>

namespace defsim::sweep {

// Throws IoError naming `path` and the system error; leaves no temporary file behind.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace defsim::sweep
