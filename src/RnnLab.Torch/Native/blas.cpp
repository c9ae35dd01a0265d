// The BLAS library's own thread count. libtorch has no say over it (Debian's libtorch calls the system
// libblas.so.3), and OpenBLAS starts one thread per core; when several networks train at once, each on
// its own core, those threads only contend. OpenBLAS exports openblas_set_num_threads; other BLAS
// libraries may not, and then nothing changes.
#include "common.h"

#include <dlfcn.h>

namespace {

using SetThreads = void (*)(int);

SetThreads find_openblas() {
  // The BLAS came in as a dependency of libtorch, possibly not into the global scope: look in it directly.
  for (const char* name : {"libblas.so.3", "libopenblas.so.0", "libopenblasp-r0.3.21.so"}) {
    if (void* handle = dlopen(name, RTLD_LAZY | RTLD_NOLOAD)) {
      auto f = reinterpret_cast<SetThreads>(dlsym(handle, "openblas_set_num_threads"));
      dlclose(handle);
      if (f) return f;
    }
  }
  return reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
}

}  // namespace

// 1 when the BLAS took the thread count, 0 when it offers no way to set it.
RL_EXPORT int rl_blas_set_num_threads(int n) {
  static const SetThreads set = find_openblas();
  if (!set || n < 1) return 0;
  set(n);
  return 1;
}
