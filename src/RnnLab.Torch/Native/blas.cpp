// The BLAS library's own thread count and gemm. libtorch has no say over the thread count (Debian's
// libtorch calls the system libblas.so.3), and OpenBLAS starts one thread per core; when several
// networks train at once, each on its own core, those threads only contend. OpenBLAS exports
// openblas_{get,set}_num_threads; other BLAS libraries may not, and then nothing changes.
#include "common.h"
#include "blas.h"

#include <dlfcn.h>

namespace {

// A symbol of the BLAS that came in as a dependency of libtorch, possibly not into the global scope:
// look in the library directly, then globally.
void* find_blas_symbol(const char* symbol) {
  for (const char* name : {"libblas.so.3", "libopenblas.so.0", "libopenblasp-r0.3.21.so"}) {
    if (void* handle = dlopen(name, RTLD_LAZY | RTLD_NOLOAD)) {
      void* f = dlsym(handle, symbol);
      dlclose(handle);  // NOLOAD: the library stays loaded by libtorch, so f stays valid
      if (f) return f;
    }
  }
  return dlsym(RTLD_DEFAULT, symbol);
}

using SetThreads = void (*)(int);
using GetThreads = int (*)();

}  // namespace

namespace rl::blas {

template <>
Gemm<double> gemm<double>() {
  static const auto f = reinterpret_cast<Gemm<double>>(find_blas_symbol("dgemm_"));
  return f;
}

template <>
Gemm<float> gemm<float>() {
  static const auto f = reinterpret_cast<Gemm<float>>(find_blas_symbol("sgemm_"));
  return f;
}

int threads() {
  static const auto get = reinterpret_cast<GetThreads>(find_blas_symbol("openblas_get_num_threads"));
  return get ? get() : 0;
}

bool set_threads(int n) {
  static const auto set = reinterpret_cast<SetThreads>(find_blas_symbol("openblas_set_num_threads"));
  if (!set || n < 1) return false;
  set(n);
  return true;
}

}  // namespace rl::blas

// 1 when the BLAS took the thread count, 0 when it offers no way to set it.
RL_EXPORT int rl_blas_set_num_threads(int n) { return rl::blas::set_threads(n) ? 1 : 0; }

// The BLAS library's thread count, 0 when it offers no way to read it.
RL_EXPORT int rl_blas_get_num_threads() { return rl::blas::threads(); }
