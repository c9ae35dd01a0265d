// The rate nonlinearities f and their derivatives f', shared by RnnLab's fused kernels: as ATen ops
// (any device, any dtype) and as scalar functions for the hand-written CPU passes. Codes match the
// managed FusedActivation enum.
#pragma once

#include <ATen/ATen.h>

#include <cmath>
#include <type_traits>

namespace rl {

enum class Act : int { Relu = 0, Tanh = 1, LeakyRelu = 2, Softplus = 3, Linear = 4 };

inline constexpr double kSoftplusThreshold = 20.0;  // as at::softplus(x, beta = 1, threshold = 20)

inline at::Tensor activate(const at::Tensor& x, Act act, double slope) {
  switch (act) {
    case Act::Relu: return at::relu(x);
    case Act::Tanh: return at::tanh(x);
    case Act::LeakyRelu: return at::leaky_relu(x, slope);
    case Act::Softplus: return at::softplus(x, 1.0, kSoftplusThreshold);
    case Act::Linear: return x;
  }
  TORCH_CHECK(false, "unknown activation code ", static_cast<int>(act));
}

// f'(pre), matching the derivatives ATen's own backward formulas use.
inline at::Tensor derivative(const at::Tensor& pre, Act act, double slope) {
  switch (act) {
    case Act::Relu: return (pre > 0).to(pre.scalar_type());
    case Act::Tanh: return 1 - at::tanh(pre).square();
    case Act::LeakyRelu: return at::where(pre > 0, at::ones_like(pre), at::full_like(pre, slope));
    case Act::Softplus: return at::where(pre > kSoftplusThreshold, at::ones_like(pre), at::sigmoid(pre));
    case Act::Linear: return at::ones_like(pre);
  }
  TORCH_CHECK(false, "unknown activation code ", static_cast<int>(act));
}

// out = bias + a @ b^T (b_transposed) or bias + a @ b, for matrices or batches of them.
inline void affine_out(at::Tensor& out, const at::Tensor& bias, const at::Tensor& a, const at::Tensor& b, bool batched) {
  if (batched) at::baddbmm_out(out, bias, a, b);
  else at::addmm_out(out, bias, a, b);
}

// f and f' with the activation fixed at compile time: the hand-written passes dispatch once, outside
// their loops (with_activation), so the compiler can vectorize the loops of the piecewise-linear ones.
template <Act A, typename T>
inline T f_fixed(T x, T slope) {
  if constexpr (A == Act::Relu) return x > T(0) ? x : T(0);
  else if constexpr (A == Act::Tanh) return std::tanh(x);
  else if constexpr (A == Act::LeakyRelu) return x > T(0) ? x : slope * x;
  else if constexpr (A == Act::Softplus) return x > T(kSoftplusThreshold) ? x : std::log1p(std::exp(x));
  else return x;
}

template <Act A, typename T>
inline T fprime_fixed(T x, T slope) {
  if constexpr (A == Act::Relu) return x > T(0) ? T(1) : T(0);
  else if constexpr (A == Act::Tanh) { const T y = std::tanh(x); return T(1) - y * y; }
  else if constexpr (A == Act::LeakyRelu) return x > T(0) ? T(1) : slope;
  else if constexpr (A == Act::Softplus) return x > T(kSoftplusThreshold) ? T(1) : T(1) / (T(1) + std::exp(-x));
  else return T(1);
}

// Calls body(std::integral_constant<Act, act>{}) for the runtime code act.
template <class Body>
inline void with_activation(Act act, Body&& body) {
  switch (act) {
    case Act::Relu: body(std::integral_constant<Act, Act::Relu>{}); return;
    case Act::Tanh: body(std::integral_constant<Act, Act::Tanh>{}); return;
    case Act::LeakyRelu: body(std::integral_constant<Act, Act::LeakyRelu>{}); return;
    case Act::Softplus: body(std::integral_constant<Act, Act::Softplus>{}); return;
    case Act::Linear: body(std::integral_constant<Act, Act::Linear>{}); return;
  }
  TORCH_CHECK(false, "unknown activation code ", static_cast<int>(act));
}

// The hand-written element-wise passes run on contiguous float32/float64 CPU tensors; anything else
// (other devices, other dtypes) takes the plain ATen path, so no device is assumed.
inline bool fast_path(const at::Tensor& t) {
  return t.device().is_cpu() && (t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble);
}

}  // namespace rl
