# Every dependency comes from Debian packages installed by scripts/setup.sh.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(TBB REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)
# zlib: run files compress their chunks with the same deflate HDF5 uses (io/chunk_codec).
find_package(ZLIB REQUIRED)
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
# MPI (optional): lets `defsim sweep` share one sweep's runs among the ranks of a single
# `mpirun` or `srun` job (docs/CLUSTER.md). Without it, sweeps still run on threads and as
# Slurm array shards. Debian 12: openmpi-bin libopenmpi-dev (scripts/setup.sh).
option(DEFSIM_MPI "Build MPI support for defsim sweep when MPI is found" ON)
if(DEFSIM_MPI)
  # defsim calls only MPI's C API: skip the deprecated C++ bindings (OpenMPI's mpicxx.h),
  # which otherwise come with every #include <mpi.h>.
  set(MPI_CXX_SKIP_MPICXX ON CACHE BOOL "Do not use MPI's deprecated C++ bindings")
  find_package(MPI QUIET COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    message(STATUS "MPI ${MPI_CXX_VERSION} found (${MPI_CXX_LIBRARIES}): defsim sweep can run under mpirun/srun")
  else()
    message(STATUS "MPI not found: defsim sweep runs on threads and Slurm array shards only "
                   "(install openmpi-bin libopenmpi-dev for MPI, or set -DDEFSIM_MPI=OFF to silence this)")
  endif()
else()
  message(STATUS "MPI support disabled (DEFSIM_MPI=OFF)")
endif()
