#include "io/run_file.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#if defined(__SANITIZE_ADDRESS__)
#define DEFSIM_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEFSIM_LSAN 1
#endif
#endif
#ifdef DEFSIM_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include "core/error.hpp"
#include "io/run_reader.hpp"
#include "io/scratch_dir.hpp"
#include "io/tiny_model.hpp"

namespace defsim {
namespace {

using test::ScratchDir;

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Records all days of one replication into `recorder` with the tiny pattern.
void record(const Model& m, Recorder& recorder, State& s, double scale) {
  recorder.reset();
  for (Day d = 0; d < m.run.calendar.horizon_days(); ++d) {
    test::fill_day(m, s, d, scale);
    recorder.record_day(m, s);
  }
}

RunInfo info_for_test() {
  RunInfo info;
  info.threads = 3;
  info.started_utc = "2024-05-01T12:00:00Z";
  info.host = "node17";
  info.command_line = "defsim run tiny.yaml --threads 3";
  return info;
}

// Storage type of a dataset: (class, size in bytes) and its number of filters.
struct Storage {
  H5T_class_t cls;
  std::size_t size;
  int filters;
};
Storage storage_of(const std::string& file, const std::string& dataset) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
  const hid_t t = H5Dget_type(d);
  const hid_t p = H5Dget_create_plist(d);
  Storage s{H5Tget_class(t), H5Tget_size(t), H5Pget_nfilters(p)};
  H5Pclose(p);
  H5Tclose(t);
  H5Dclose(d);
  H5Fclose(f);
  return s;
}

}  // namespace

TEST(RunFile, WritesEveryDatasetWithShapeAttributesAndValues) {
  ScratchDir dir;
  const std::string path = dir.file("run.h5");
  const Model m = test::tiny_model(2);
  Recorder recorders[2] = {Recorder(m), Recorder(m)};
  {
    RunFileWriter writer(path, m, info_for_test());
    for (int rep = 0; rep < 2; ++rep) {
      State s = test::tiny_state(m, rep);
      record(m, recorders[rep], s, 1.0 + rep);
      s.diagnostics.add(Anomaly::negative_stock_clipped, static_cast<std::uint64_t>(rep + 4));
      writer.write_replication(rep, recorders[rep], s.diagnostics);
    }
    RunInfo done;
    done.threads = 3;
    done.finished_utc = "2024-05-01T12:01:00Z";
    writer.commit(done);
  }

  const RunFileReader file(path);
  EXPECT_EQ(file.string_attribute("format"), "defsim-run");
  EXPECT_EQ(file.int_attribute("format_version"), 1);
  EXPECT_FALSE(file.string_attribute("defsim_version").empty());
  EXPECT_FALSE(file.string_attribute("git_commit").empty());
  EXPECT_EQ(file.string_attribute("scenario_name"), "tiny");
  EXPECT_EQ(file.string_attribute("scenario_file"), "scenarios/tiny.yaml");
  EXPECT_EQ(file.string_attribute("scenario_hash"), m.run.scenario_hash);
  EXPECT_EQ(file.string_attribute("model_name"), "tiny_model");
  EXPECT_EQ(file.uint_attribute("seed"), 7u);
  EXPECT_EQ(file.int_attribute("replications"), 2);
  EXPECT_EQ(file.int_attribute("stochastic"), 1);
  EXPECT_EQ(file.string_attribute("start_date"), "2024-01-15");
  EXPECT_EQ(file.int_attribute("horizon_days"), 60);
  EXPECT_EQ(file.string_attribute("frequency"), "month");
  EXPECT_EQ(file.string_attribute("precision"), "double");
  EXPECT_EQ(file.int_attribute("threads"), 3);
  EXPECT_EQ(file.string_attribute("started_utc"), "2024-05-01T12:00:00Z");
  EXPECT_EQ(file.string_attribute("finished_utc"), "2024-05-01T12:01:00Z");
  EXPECT_EQ(file.string_attribute("host"), "node17");
  EXPECT_EQ(file.string_attribute("command_line"), "defsim run tiny.yaml --threads 3");

  EXPECT_EQ(file.strings("/provenance/resolved_scenario"), std::vector<std::string>{m.run.resolved_yaml});

  using S = std::vector<std::string>;
  using D = std::vector<double>;
  EXPECT_EQ(file.strings("/index/goods"), (S{"shells", "steel"}));
  EXPECT_EQ(file.strings("/index/goods_kind"), (S{"final", "component"}));
  EXPECT_EQ(file.strings("/index/goods_unit"), (S{"shell", "tonne"}));
  EXPECT_EQ(file.strings("/index/plants"), (S{"shell_works", "steel_mill"}));
  EXPECT_EQ(file.read("/index/plant_good").values, (D{0, 1}));
  EXPECT_EQ(file.read("/index/plant_region").values, (D{0, 0}));
  EXPECT_EQ(file.strings("/index/routes"), (S{"steel/china_direct"}));
  EXPECT_EQ(file.read("/index/route_good").values, (D{1}));
  EXPECT_EQ(file.strings("/index/route_origin"), (S{"china"}));
  EXPECT_EQ(file.strings("/index/route_corridor"), (S{"direct"}));
  EXPECT_EQ(file.strings("/index/regions"), (S{"ural"}));
  EXPECT_EQ(file.strings("/index/origins"), (S{"domestic", "china"}));
  EXPECT_EQ(file.strings("/index/inputs"), (S{"shell_works/steel"}));
  EXPECT_EQ(file.read("/index/input_plant").values, (D{0}));
  EXPECT_EQ(file.read("/index/input_good").values, (D{1}));
  EXPECT_EQ(file.strings("/index/input_kind"), (S{"input"}));

  EXPECT_EQ(file.read("/time/period_first_day").values, (D{0, 17, 46}));
  EXPECT_EQ(file.read("/time/period_last_day").values, (D{16, 45, 59}));
  EXPECT_EQ(file.read("/time/days_in_period").values, (D{17, 29, 14}));
  EXPECT_EQ(file.strings("/time/period_start_date"), (S{"2024-01-15", "2024-02-01", "2024-03-01"}));

  EXPECT_EQ(file.variables().size(), variable_registry().size());
  for (std::size_t k = 0; k < recorders[0].variable_count(); ++k) {
    const VariableDef& v = recorders[0].variable(k);
    const std::string ds = "/" + v.path();
    const Array a = file.read(ds);
    const auto rows = static_cast<std::size_t>(recorders[0].rows(k));
    ASSERT_EQ(a.dims, (std::vector<std::size_t>{2, 3, rows})) << ds;
    for (std::size_t rep = 0; rep < 2; ++rep) {
      const auto expected = recorders[rep].values(k);
      for (std::size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(a.values[rep * expected.size() + i], expected[i])
            << ds << " replication " << rep << " at " << i;
      }
    }
    EXPECT_EQ(file.dataset_string_attribute(ds, "unit"), v.unit) << ds;
    EXPECT_EQ(file.dataset_string_attribute(ds, "description"), v.description) << ds;
    EXPECT_EQ(file.dataset_string_attribute(ds, "aggregation"), to_string(v.agg)) << ds;
    EXPECT_EQ(file.dataset_string_attribute(ds, "index"), axis_index_path(v.axis)) << ds;
  }
  EXPECT_EQ(file.dataset_strings_attribute("/plants/binding", "codes"),
            (S{"demand", "capacity", "input:shells", "input:steel"}));
  // Spot checks against hand-computed numbers (replication 1 delivers twice as much).
  const Array deliveries = file.read("/goods/deliveries");
  EXPECT_EQ(deliveries.values[0], 153.0);
  EXPECT_EQ(deliveries.values[6 + 2], 2.0 * 928.0);

  EXPECT_EQ(file.read("/diagnostics/negative_stock_clipped").values, (D{4, 5}));
  EXPECT_EQ(file.read("/diagnostics/non_finite_value").values, (D{0, 0}));
  EXPECT_EQ(file.read("/replications/index").values, (D{0, 1}));
  EXPECT_EQ(file.read("/replications/seed").values, (D{7, 7}));
  EXPECT_EQ(file.recorded_replications(), (std::vector<std::uint8_t>{1, 1}));
}

TEST(RunFile, StoresCodesAsInt32AndValuesAsDoubleOrSingleCompressed) {
  ScratchDir dir;
  Model m = test::tiny_model();
  test::write_tiny_run(m, dir.file("double.h5"), 1.0);
  m.run.output.single_precision = true;
  m.run.output.compression = 0;
  test::write_tiny_run(m, dir.file("single.h5"), 1.0);

  const Storage d = storage_of(dir.file("double.h5"), "/goods/deliveries");
  EXPECT_EQ(d.cls, H5T_FLOAT);
  EXPECT_EQ(d.size, 8u);
  EXPECT_EQ(d.filters, 2);  // shuffle + gzip
  const Storage s = storage_of(dir.file("single.h5"), "/goods/deliveries");
  EXPECT_EQ(s.cls, H5T_FLOAT);
  EXPECT_EQ(s.size, 4u);
  EXPECT_EQ(s.filters, 0);
  const Storage c = storage_of(dir.file("single.h5"), "/plants/binding");
  EXPECT_EQ(c.cls, H5T_INTEGER);
  EXPECT_EQ(c.size, 4u);

  const RunFileReader single(dir.file("single.h5"));
  EXPECT_EQ(single.string_attribute("precision"), "single");
  // 667.5 is exact in float; the single-precision file reads back the float's value.
  EXPECT_EQ(single.read("/routes/price_usd").values[0], 667.5);
  EXPECT_EQ(single.read("/plants/binding").values[0], kBindingCapacity);
}

TEST(RunFile, RecordsOnlyTheDeclaredVariables) {
  ScratchDir dir;
  Model m = test::tiny_model();
  m.run.output.variables = {"goods/deliveries", "plants/binding"};
  test::write_tiny_run(m, dir.file("run.h5"), 1.0);
  const RunFileReader file(dir.file("run.h5"));
  EXPECT_EQ(file.variables(), (std::vector<std::string>{"goods/deliveries", "plants/binding"}));
  EXPECT_FALSE(file.has_dataset("/goods/backlog"));
  EXPECT_TRUE(file.has_dataset("/goods/deliveries"));
  EXPECT_FALSE(file.has_dataset("/index"));  // a group, not a dataset
}

TEST(RunFile, RenamesTheTemporaryFileOnlyOnCommit) {
  ScratchDir dir;
  const std::string path = dir.file("run.h5");
  const Model m = test::tiny_model();
  RunFileWriter writer(path, m, info_for_test());
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::exists(writer.temp_path()));
  EXPECT_EQ(writer.temp_path().rfind(path + ".tmp.", 0), 0u) << writer.temp_path();

  Recorder recorder(m);
  State s = test::tiny_state(m);
  record(m, recorder, s, 1.0);
  writer.write_replication(0, recorder, s.diagnostics);
  EXPECT_FALSE(std::filesystem::exists(path));

  writer.commit(info_for_test());
  EXPECT_TRUE(writer.committed());
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"run.h5"});
}

TEST(RunFile, AnUncommittedWriterLeavesNothingBehind) {
  ScratchDir dir;
  const Model m = test::tiny_model();
  {
    RunFileWriter writer(dir.file("run.h5"), m, info_for_test());
    Recorder recorder(m);
    State s = test::tiny_state(m);
    record(m, recorder, s, 1.0);
    writer.write_replication(0, recorder, s.diagnostics);
  }
  EXPECT_TRUE(dir.entries().empty());
}

TEST(RunFile, CommitReplacesAnExistingFile) {
  ScratchDir dir;
  const std::string path = dir.file("run.h5");
  { std::ofstream(path) << "old"; }
  test::write_tiny_run(test::tiny_model(), path, 1.0);
  EXPECT_EQ(RunFileReader(path).string_attribute("scenario_name"), "tiny");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"run.h5"});
}

TEST(RunFile, AMissingDirectoryIsAnIoErrorNamingThePath) {
  ScratchDir dir;
  const std::string path = dir.file("no/such/dir/run.h5");
  const std::string msg = message_of([&] { RunFileWriter w(path, test::tiny_model(), {}); });
  EXPECT_TRUE(contains(msg, path)) << msg;
  EXPECT_TRUE(contains(msg, "does not exist")) << msg;
  EXPECT_THROW(RunFileWriter(path, test::tiny_model(), {}), IoError);
}

TEST(RunFile, AFileInPlaceOfTheDirectoryIsAnIoError) {
  ScratchDir dir;
  { std::ofstream(dir.file("plain")) << "x"; }
  const std::string msg =
      message_of([&] { RunFileWriter w(dir.file("plain/run.h5"), test::tiny_model(), {}); });
  EXPECT_TRUE(contains(msg, "is not a directory")) << msg;
}

TEST(RunFile, AnUnwritableDirectoryIsAnIoError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write anywhere";
  ScratchDir dir;
  std::filesystem::create_directory(dir.path() / "ro");
  std::filesystem::permissions(dir.path() / "ro",
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const std::string msg = message_of([&] { RunFileWriter w(dir.file("ro/run.h5"), test::tiny_model(), {}); });
  std::filesystem::permissions(dir.path() / "ro", std::filesystem::perms::owner_all);
  EXPECT_TRUE(contains(msg, "not writable")) << msg;
}

TEST(RunFile, RejectsMisuseOfReplications) {
  ScratchDir dir;
  const Model m = test::tiny_model(2);
  RunFileWriter writer(dir.file("run.h5"), m, {});
  Recorder recorder(m);
  State s = test::tiny_state(m);
  EXPECT_TRUE(contains(message_of([&] { writer.write_replication(0, recorder, s.diagnostics); }),
                       "recorded only 0 days"));
  record(m, recorder, s, 1.0);
  EXPECT_THROW(writer.write_replication(2, recorder, s.diagnostics), UsageError);
  EXPECT_THROW(writer.write_replication(-1, recorder, s.diagnostics), UsageError);
  writer.write_replication(0, recorder, s.diagnostics);
  EXPECT_TRUE(
      contains(message_of([&] { writer.write_replication(0, recorder, s.diagnostics); }), "already written"));

  Model other = m;
  other.run.output.variables = {"goods/deliveries"};
  Recorder narrow(other);
  record(other, narrow, s, 1.0);
  EXPECT_TRUE(
      contains(message_of([&] { writer.write_replication(1, narrow, s.diagnostics); }), "different model"));
  writer.commit({});
  EXPECT_THROW(writer.commit({}), UsageError);
}

TEST(RunFile, AReplicationNeverWrittenReadsAsFillAndIsMarkedUnrecorded) {
  ScratchDir dir;
  const Model m = test::tiny_model(2);
  {
    RunFileWriter writer(dir.file("run.h5"), m, {});
    Recorder recorder(m);
    State s = test::tiny_state(m);
    record(m, recorder, s, 1.0);
    writer.write_replication(1, recorder, s.diagnostics);
    writer.commit({});
  }
  const RunFileReader file(dir.file("run.h5"));
  EXPECT_EQ(file.recorded_replications(), (std::vector<std::uint8_t>{0, 1}));
  const Array deliveries = file.read("/goods/deliveries");
  EXPECT_TRUE(std::isnan(deliveries.values[0]));
  EXPECT_EQ(deliveries.values[6], 153.0);
  EXPECT_EQ(file.read("/plants/binding").values[0], -1.0);
}

TEST(RunFile, AnEmptyTableGivesEmptyDatasets) {
  ScratchDir dir;
  Model m = test::tiny_model();
  m.routes = RouteTable{};
  {
    RunFileWriter writer(dir.file("run.h5"), m, {});
    Recorder recorder(m);
    State s = test::tiny_state(m);
    for (Day d = 0; d < 60; ++d) {
      s.day = d;
      recorder.record_day(m, s);
    }
    writer.write_replication(0, recorder, s.diagnostics);
    writer.commit({});
  }
  const RunFileReader file(dir.file("run.h5"));
  EXPECT_TRUE(file.strings("/index/routes").empty());
  EXPECT_EQ(file.read("/routes/shipped").dims, (std::vector<std::size_t>{1, 3, 0}));
  EXPECT_EQ(file.read("/goods/deliveries").dims, (std::vector<std::size_t>{1, 3, 2}));
}

TEST(RunFile, ReplicationsMayBeWrittenFromSeveralThreads) {
  ScratchDir dir;
  const int n = 8;
  const Model m = test::tiny_model(n);
  {
    RunFileWriter writer(dir.file("run.h5"), m, {});
    std::vector<std::thread> threads;
    for (int rep = 0; rep < n; ++rep) {
      threads.emplace_back([&, rep] {
        Recorder recorder(m);
        State s = test::tiny_state(m, rep);
        record(m, recorder, s, 1.0 + rep);
        writer.write_replication(rep, recorder, s.diagnostics);
      });
    }
    for (auto& t : threads) t.join();
    writer.commit({});
  }
  const RunFileReader file(dir.file("run.h5"));
  const Array deliveries = file.read("/goods/deliveries");
  for (int rep = 0; rep < n; ++rep) {
    EXPECT_EQ(deliveries.values[static_cast<std::size_t>(rep) * 6], 153.0 * (1 + rep));
  }
}

// A full disk must surface as an IoError that names the file, and leave nothing behind.
// A file-size limit makes write() fail with EFBIG the way a full disk fails with ENOSPC.
TEST(RunFile, AWriteFailureIsAnIoErrorAndLeavesNoFile) {
  ScratchDir dir;
  const std::string path = dir.file("run.h5");
  Model m = test::tiny_model();
  m.run.output.frequency = Frequency::day;
  m.run.output.compression = 0;
  Recorder recorder(m);
  State s = test::tiny_state(m);
  record(m, recorder, s, 1.0);

  std::string msg;
  {
    RunFileWriter writer(path, m, {});
    struct FileSizeLimit {
      rlimit saved{};
      void (*old_handler)(int) = nullptr;
      explicit FileSizeLimit(rlim_t bytes) {
        old_handler = std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &saved);
        rlimit limited = saved;
        limited.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limited);
      }
      ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, old_handler);
      }
    } limit(16 * 1024);
#ifdef DEFSIM_LSAN
    // HDF5 1.10 leaks a chunk buffer when a raw-data write fails; that leak is HDF5's.
    __lsan::ScopedDisabler hdf5_leaks_on_failure;
#endif
    msg = message_of([&] {
      writer.write_replication(0, recorder, s.diagnostics);
      writer.commit({});
    });
  }
  EXPECT_TRUE(contains(msg, path)) << msg;
  EXPECT_TRUE(contains(msg, "File too large")) << msg;
  EXPECT_TRUE(dir.entries().empty());
}

}  // namespace defsim
