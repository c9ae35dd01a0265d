// Direct access to the BLAS library libtorch itself calls (Debian's libtorch links the system
// libblas.so.3): its thread count, and its Fortran gemm for kernels that multiply many small tiles,
// where ATen's per-call dispatch would cost more than the tile's arithmetic.
#pragma once

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace rl::blas {

// Fortran gemm, column-major: C = alpha op(A) op(B) + beta C.
template <typename T>
using Gemm = void (*)(const char* transa, const char* transb, const int* m, const int* n, const int* k, const T* alpha,
                      const T* a, const int* lda, const T* b, const int* ldb, const T* beta, T* c, const int* ldc);

// dgemm_ / sgemm_ of the loaded BLAS; null when not found (then callers take ATen's path).
template <typename T>
Gemm<T> gemm();

// The BLAS library's thread count, or 0 when it offers no way to read it.
int threads();

// Sets the BLAS library's thread count; false when it offers no way to set it.
bool set_threads(int n);

// The number of threads to spread `jobs` jobs over: as many as the BLAS may use (the parallelism the
// user's settings give products), at most one per job.
inline int spread_workers(int64_t jobs) { return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(jobs, threads()))); }

// Runs body(job) for every job in [0, jobs) on `workers` OpenMP threads (from spread_workers; a body may
// index per-worker scratch by omp_get_thread_num() < workers), with the BLAS held to one thread
// meanwhile so that each job's products run on its own thread; restores the BLAS's count afterwards.
// Jobs go to threads in fixed contiguous runs (static schedule). body must not throw.
template <class Body>
void spread(int64_t jobs, int workers, Body&& body) {
  const int blas_threads = threads();
  if (blas_threads > 1) set_threads(1);
#pragma omp parallel for num_threads(workers) schedule(static)
  for (int64_t job = 0; job < jobs; ++job) body(job);
  if (blas_threads > 1) set_threads(blas_threads);
}

}  // namespace rl::blas
