# Every dependency comes from Debian packages installed by scripts/setup.sh.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(TBB REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(Threads REQUIRED)

# Random123 is header-only and ships no CMake config.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(Random123::Random123 INTERFACE IMPORTED)
target_include_directories(Random123::Random123 INTERFACE ${RANDOM123_INCLUDE_DIR})

# yaml-cpp 0.7 on Debian exports the target as "yaml-cpp"; newer releases as yaml-cpp::yaml-cpp.
if(TARGET yaml-cpp::yaml-cpp)
  set(DEFSIM_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(DEFSIM_YAML_TARGET yaml-cpp)
endif()

if(DEFSIM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

# Google Benchmark (Debian libbenchmark-dev) for bench/; the benchmarks are skipped without it.
find_package(benchmark QUIET)
