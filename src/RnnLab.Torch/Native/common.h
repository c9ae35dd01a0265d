// Shared plumbing of the C shim: handle ownership, the error channel and argument conversion.
//
// Every exported function is `extern "C"`, takes and returns plain C types, and runs its body
// inside guard(): any exception (c10::Error, std::exception or anything else) is caught, its message
// stored in a thread-local string that rl_last_error() returns, and a failure value is returned
// instead. The managed side checks that value and throws a TorchException, so a failed call never
// unwinds through managed frames and leaves the process usable.
#pragma once

#include <ATen/ATen.h>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#define RL_EXPORT extern "C" __attribute__((visibility("default")))

namespace rl {

using TH = at::Tensor*;  // a tensor handle owned by the managed side until rl_tensor_free
using GH = at::Generator*;

extern std::atomic<int64_t> live_handles;

void set_error(std::string message);
void clear_error();

// Moves a result into a new heap handle that the managed side owns.
inline TH wrap(at::Tensor t) {
  live_handles.fetch_add(1, std::memory_order_relaxed);
  return new at::Tensor(std::move(t));
}

// Runs body, converting any exception into the error channel and returning `fail`.
template <class R, class F>
R guard(R fail, F&& body) {
  try {
    clear_error();
    return body();
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown native exception");
  }
  return fail;
}

// guard() for functions that return a new tensor handle (nullptr on failure).
template <class F>
TH guard_tensor(F&& body) {
  return guard<TH>(nullptr, [&]() -> TH { return wrap(body()); });
}

// guard() for functions that only report success (0) or failure (-1).
template <class F>
int guard_status(F&& body) {
  return guard<int>(-1, [&]() -> int { body(); return 0; });
}

inline at::IntArrayRef dims(const int64_t* data, int64_t n) { return at::IntArrayRef(data, static_cast<size_t>(n)); }

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<at::DeviceIndex>(device_index)));
}

// A Scalar arrives as (double, int64, is_integral) so that integer scalars keep integer type promotion.
inline at::Scalar scalar(double d, int64_t i, int is_int) { return is_int ? at::Scalar(i) : at::Scalar(d); }

inline std::vector<at::Tensor> tensors(TH* handles, int64_t n) {
  std::vector<at::Tensor> out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) out.push_back(handles[k] ? *handles[k] : at::Tensor());
  return out;
}

inline c10::optional<at::Generator> generator(GH g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}

}  // namespace rl
