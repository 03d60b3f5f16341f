// A minimal MPI program built with exactly the flags and libraries defsim_lib passes on,
// so ctest proves three things before any sweep code depends on them: <mpi.h> compiles
// warning-free under -Werror (its include directories are SYSTEM), DEFSIM_HAVE_MPI reaches
// dependants of defsim_lib, and an mpirun or srun launch of N ranks really communicates.
//
//   mpi_probe [EXPECTED_RANKS]   exit 0 when every rank agrees on the sum 0+1+...+(N-1)
//                                and N equals EXPECTED_RANKS (when given), 1 otherwise
#ifndef DEFSIM_HAVE_MPI
#error "mpi_probe is built only when defsim_lib has MPI support (DEFSIM_HAVE_MPI)"
#endif

#include <mpi.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  // Every rank contributes its rank; MPI_Allreduce fails or disagrees unless the ranks
  // really found one another (a launcher that starts N singletons gives size 1 each).
  long sum = 0;
  long mine = rank;
  MPI_Allreduce(&mine, &sum, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
  const long expected_sum = static_cast<long>(size) * (size - 1) / 2;
  const int expected_size = argc > 1 ? std::atoi(argv[1]) : size;

  int ok = (sum == expected_sum && size == expected_size) ? 1 : 0;
  int all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  std::printf("mpi_probe: rank %d of %d, sum %ld (expected %ld), %d ranks expected: %s\n", rank, size,
              sum, expected_sum, expected_size, ok != 0 ? "ok" : "FAILED");
  MPI_Finalize();
  return all_ok != 0 ? 0 : 1;
}
