// defsim compresses run-file chunks itself (outside HDF5's lock) and stores them with
// H5Dwrite_chunk. Those bytes must be exactly what HDF5's own shuffle + deflate pipeline
// stores for the same values, or other readers would decode something else: each case
// writes the same replication once through H5Dwrite (HDF5 converts, shuffles, deflates)
// and once through encode_chunks + H5Dwrite_chunk, then compares every stored chunk byte
// for byte and the decoded values.
#include "io/chunk_codec.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "io/hdf5.hpp"
#include "scratch_dir.hpp"

namespace defsim {
namespace {

struct Case {
  ChunkElement element;
  int level;
};

hid_t file_type(ChunkElement e) {
  switch (e) {
    case ChunkElement::f64: return H5T_IEEE_F64LE;
    case ChunkElement::f32: return H5T_IEEE_F32LE;
    case ChunkElement::i32: return H5T_STD_I32LE;
  }
  return -1;
}

// Periods × rows of varied values: smooth series, constants, NaN, and beyond the float range.
std::vector<double> sample_values(const ChunkLayout& L) {
  std::vector<double> v(L.periods * L.rows);
  for (std::size_t p = 0; p < L.periods; ++p) {
    for (std::size_t r = 0; r < L.rows; ++r) {
      double x = 1000.0 * std::sin(0.1 * static_cast<double>(p) + static_cast<double>(r)) + static_cast<double>(r);
      if (L.element == ChunkElement::i32) x = std::round(x);
      if (r % 7 == 3) x = 42.0;
      if (L.element != ChunkElement::i32 && p == 2 && r == 1) x = std::numeric_limits<double>::quiet_NaN();
      if (L.element != ChunkElement::i32 && p == 3 && r == 2) x = 1e300;
      if (L.element != ChunkElement::i32 && p == 4 && r == 2) x = -1e300;
      v[p * L.rows + r] = x;
    }
  }
  return v;
}

h5::Handle create_dataset(hid_t file, const std::string& name, const ChunkLayout& L, std::size_t replications) {
  const std::string ctx = "test";
  const std::array<hsize_t, 3> dims = {replications, L.periods, L.rows};
  const std::array<hsize_t, 3> chunk = {1, L.periods_chunk, L.rows_chunk};
  h5::Handle space = h5::owned(H5Screate_simple(3, dims.data(), nullptr), H5Sclose, ctx, "space");
  h5::Handle dcpl = h5::owned(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, ctx, "dcpl");
  h5::check_status(H5Pset_chunk(dcpl.get(), 3, chunk.data()), ctx, "chunk");
  if (L.deflate_level > 0) {
    h5::check_status(H5Pset_shuffle(dcpl.get()), ctx, "shuffle");
    h5::check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(L.deflate_level)), ctx, "deflate");
  }
  if (L.element == ChunkElement::i32) {
    const std::int32_t fill = -1;
    h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_INT32, &fill), ctx, "fill");
  } else {
    const double fill = std::numeric_limits<double>::quiet_NaN();
    h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), ctx, "fill");
  }
  return h5::owned(H5Dcreate2(file, name.c_str(), file_type(L.element), space.get(), H5P_DEFAULT, dcpl.get(),
                              H5P_DEFAULT),
                   H5Dclose, ctx, "create " + name);
}

void write_through_hdf5(hid_t dset, const ChunkLayout& L, const std::vector<double>& values, hsize_t replication) {
  const std::string ctx = "test";
  h5::Handle file_space = h5::owned(H5Dget_space(dset), H5Sclose, ctx, "space");
  const std::array<hsize_t, 3> start = {replication, 0, 0};
  const std::array<hsize_t, 3> count = {1, L.periods, L.rows};
  h5::check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
                   ctx, "select");
  h5::Handle mem_space = h5::owned(H5Screate_simple(3, count.data(), nullptr), H5Sclose, ctx, "mem");
  if (L.element == ChunkElement::i32) {
    std::vector<std::int32_t> codes(values.begin(), values.end());
    h5::check_status(H5Dwrite(dset, H5T_NATIVE_INT32, mem_space.get(), file_space.get(), H5P_DEFAULT, codes.data()),
                     ctx, "write");
  } else {
    h5::check_status(H5Dwrite(dset, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, values.data()),
                     ctx, "write");
  }
}

std::vector<unsigned char> stored_chunk(hid_t dset, const std::array<hsize_t, 3>& offset, std::uint32_t& mask) {
  hsize_t size = 0;
  h5::check_status(H5Dget_chunk_storage_size(dset, offset.data(), &size), "test", "chunk size");
  std::vector<unsigned char> bytes(size);
  h5::check_status(H5Dread_chunk(dset, H5P_DEFAULT, offset.data(), &mask, bytes.data()), "test", "read chunk");
  return bytes;
}

std::vector<double> read_values(hid_t dset, const ChunkLayout& L, hsize_t replication) {
  const std::string ctx = "test";
  h5::Handle file_space = h5::owned(H5Dget_space(dset), H5Sclose, ctx, "space");
  const std::array<hsize_t, 3> start = {replication, 0, 0};
  const std::array<hsize_t, 3> count = {1, L.periods, L.rows};
  h5::check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
                   ctx, "select");
  h5::Handle mem_space = h5::owned(H5Screate_simple(3, count.data(), nullptr), H5Sclose, ctx, "mem");
  std::vector<double> out(L.periods * L.rows);
  h5::check_status(H5Dread(dset, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, out.data()), ctx,
                   "read");
  return out;
}

class ChunkCodec : public ::testing::TestWithParam<Case> {};

TEST_P(ChunkCodec, StoresTheBytesHdf5sOwnFiltersStore) {
  const Case c = GetParam();
  // 13 periods in chunks of 5 and 11 rows in chunks of 4: partial edge chunks on both axes.
  const ChunkLayout L{.periods = 13, .rows = 11, .periods_chunk = 5, .rows_chunk = 4, .element = c.element,
                      .deflate_level = c.level};
  const std::vector<double> values = sample_values(L);
  test::ScratchDir dir;
  h5::Lock lock;
  h5::Handle file = h5::owned(H5Fcreate(dir.file("c.h5").c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                              "test", "create file");
  h5::Handle by_hdf5 = create_dataset(file.get(), "by_hdf5", L, 2);
  h5::Handle by_codec = create_dataset(file.get(), "by_codec", L, 2);
  write_through_hdf5(by_hdf5.get(), L, values, 1);

  std::vector<EncodedChunk> chunks;
  encode_chunks(values, L, chunks);
  ASSERT_EQ(chunks.size(), chunk_count(L));
  ASSERT_EQ(chunks.size(), 9u);  // 3 period blocks × 3 row blocks
  for (const EncodedChunk& chunk : chunks) {
    const std::array<hsize_t, 3> offset = {1, chunk.period_offset, chunk.row_offset};
    h5::check_status(H5Dwrite_chunk(by_codec.get(), H5P_DEFAULT, 0, offset.data(), chunk.bytes.size(),
                                    chunk.bytes.data()),
                     "test", "write chunk");
  }
  H5Fflush(file.get(), H5F_SCOPE_GLOBAL);

  for (const EncodedChunk& chunk : chunks) {
    const std::array<hsize_t, 3> offset = {1, chunk.period_offset, chunk.row_offset};
    std::uint32_t mask_hdf5 = 99;
    std::uint32_t mask_codec = 99;
    const auto expected = stored_chunk(by_hdf5.get(), offset, mask_hdf5);
    const auto got = stored_chunk(by_codec.get(), offset, mask_codec);
    EXPECT_EQ(mask_hdf5, 0u);
    EXPECT_EQ(mask_codec, 0u);
    EXPECT_EQ(got, expected) << "chunk at period " << chunk.period_offset << ", row " << chunk.row_offset;
    EXPECT_EQ(chunk.bytes, expected);
  }
  const std::vector<double> a = read_values(by_hdf5.get(), L, 1);
  const std::vector<double> b = read_values(by_codec.get(), L, 1);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))) << i << ": " << a[i] << " vs " << b[i];
  }
  if (c.element == ChunkElement::f32) {
    EXPECT_EQ(b[3 * L.rows + 2], std::numeric_limits<double>::infinity());
    EXPECT_EQ(b[4 * L.rows + 2], -std::numeric_limits<double>::infinity());
  }
  // Replication 0 was never written: it reads as the fill value.
  const std::vector<double> unwritten = read_values(by_codec.get(), L, 0);
  EXPECT_TRUE(c.element == ChunkElement::i32 ? unwritten[0] == -1.0 : std::isnan(unwritten[0]));
}

INSTANTIATE_TEST_SUITE_P(ElementsAndLevels, ChunkCodec,
                         ::testing::Values(Case{ChunkElement::f64, 0}, Case{ChunkElement::f64, 1},
                                           Case{ChunkElement::f64, 4}, Case{ChunkElement::f64, 9},
                                           Case{ChunkElement::f32, 0}, Case{ChunkElement::f32, 4},
                                           Case{ChunkElement::i32, 0}, Case{ChunkElement::i32, 4}),
                         [](const auto& param_info) {
                           const char* e = param_info.param.element == ChunkElement::f64   ? "f64"
                                           : param_info.param.element == ChunkElement::f32 ? "f32"
                                                                                     : "i32";
                           return std::string(e) + "_level" + std::to_string(param_info.param.level);
                         });

TEST(ChunkCodecLayout, CodesThatAreNotWholeInt32ValuesAreStoredAsNoCode) {
  const ChunkLayout L{.periods = 1, .rows = 3, .periods_chunk = 1, .rows_chunk = 3, .element = ChunkElement::i32,
                      .deflate_level = 0};
  std::vector<EncodedChunk> chunks;
  encode_chunks(std::vector<double>{std::numeric_limits<double>::quiet_NaN(), 7.0, 1e12}, L, chunks);
  ASSERT_EQ(chunks.size(), 1u);
  ASSERT_EQ(chunks[0].bytes.size(), 3 * sizeof(std::int32_t));
  std::array<std::int32_t, 3> codes{};
  std::memcpy(codes.data(), chunks[0].bytes.data(), sizeof codes);
  EXPECT_EQ(codes, (std::array<std::int32_t, 3>{-1, 7, -1}));
}

TEST(ChunkCodecLayout, CountsChunksOnBothAxes) {
  EXPECT_EQ(chunk_count({.periods = 72, .rows = 39, .periods_chunk = 72, .rows_chunk = 39}), 1u);
  EXPECT_EQ(chunk_count({.periods = 13, .rows = 10000, .periods_chunk = 4, .rows_chunk = 4096}), 12u);
  EXPECT_EQ(chunk_count({.periods = 0, .rows = 5, .periods_chunk = 1, .rows_chunk = 5}), 0u);
}

}  // namespace
}  // namespace defsim
