// Direct access to the BLAS library libtorch itself calls (Debian's libtorch links the system
// libblas.so.3): its thread count, and its Fortran gemm for kernels that multiply many small tiles,
// where ATen's per-call dispatch would cost more than the tile's arithmetic.
#pragma once

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

}  // namespace rl::blas
