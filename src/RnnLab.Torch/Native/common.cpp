// Error channel, handle accounting and build information.
#include "common.h"

#include <ATen/Parallel.h>
#include <torch/version.h>

namespace rl {

std::atomic<int64_t> live_handles{0};
thread_local std::string last_error;

void set_error(std::string message) { last_error = std::move(message); }
void clear_error() { last_error.clear(); }

}  // namespace rl

using namespace rl;

// The message of the last failed call on this thread ("" when the last call succeeded).
RL_EXPORT const char* rl_last_error() { return last_error.c_str(); }

RL_EXPORT void rl_tensor_free(TH t) {
  if (!t) return;
  delete t;
  live_handles.fetch_sub(1, std::memory_order_relaxed);
}

RL_EXPORT int64_t rl_live_handles() { return live_handles.load(std::memory_order_relaxed); }

RL_EXPORT const char* rl_torch_version() { return TORCH_VERSION; }

// at::show_config() and at::get_parallel_info() return std::string; keep a copy per thread so the
// pointer stays valid until the next call.
RL_EXPORT const char* rl_build_config() {
  static thread_local std::string text;
  return guard<const char*>(nullptr, [&]() -> const char* {
    text = at::show_config();
    return text.c_str();
  });
}

RL_EXPORT const char* rl_parallel_info() {
  static thread_local std::string text;
  return guard<const char*>(nullptr, [&]() -> const char* {
    text = at::get_parallel_info();
    return text.c_str();
  });
}

RL_EXPORT int rl_set_num_threads(int n) { return guard_status([&] { at::set_num_threads(n); }); }
RL_EXPORT int rl_get_num_threads() { return at::get_num_threads(); }
RL_EXPORT int rl_set_num_interop_threads(int n) { return guard_status([&] { at::set_num_interop_threads(n); }); }
RL_EXPORT int rl_get_num_interop_threads() { return at::get_num_interop_threads(); }
