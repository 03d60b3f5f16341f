#pragma once
// HDF5's shuffle + deflate filter pipeline, run by defsim itself so that a replication's
// chunks are compressed by the thread that simulated it, in parallel with the others, and
// only the finished bytes pass through HDF5's process-wide lock (H5Dwrite_chunk). The
// bytes are exactly what HDF5's own filters would store: any HDF5 reader decodes them with
// the filters declared on the dataset (docs/OUTPUT.md).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace defsim {

enum class ChunkElement : std::uint8_t { f64, f32, i32 };

// A dataset of (replications × periods × rows) stored in chunks of (1 × periods_chunk ×
// rows_chunk); edge chunks are stored whole, padded with the fill value.
struct ChunkLayout {
  std::size_t periods = 0;
  std::size_t rows = 0;
  std::size_t periods_chunk = 1;
  std::size_t rows_chunk = 1;
  ChunkElement element = ChunkElement::f64;
  int deflate_level = 0;  // 0: no filters; 1..9: shuffle, then deflate at this level
};

struct EncodedChunk {
  std::size_t period_offset = 0;  // first period of the chunk
  std::size_t row_offset = 0;     // first row of the chunk
  std::vector<unsigned char> bytes;
};

// Encodes one replication's values (periods × rows, row index fastest) into the dataset's
// chunks, in row-major chunk order. Values are converted as HDF5 converts them to the file
// type: doubles to little-endian IEEE singles (round to nearest, beyond the float range to
// ±infinity) or to 32-bit integers (codes, which are whole numbers; NaN or a value outside
// int32 becomes the fill value −1). `chunks` is resized; its buffers are reused between
// calls. Throws std::runtime_error if zlib fails.
void encode_chunks(std::span<const double> values, const ChunkLayout& layout, std::vector<EncodedChunk>& chunks);

// Number of chunks one replication occupies.
std::size_t chunk_count(const ChunkLayout& layout);

}  // namespace defsim
