// One Adam update of a tensor in a single pass (RnnLab's fused optimizer step), the same arithmetic as
// the managed optim.Adam without weight decay or amsgrad:
//
//   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
//   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
//
// The managed optimizer spends about eight ATen ops (eight passes over memory) on this; the fixed-point
// search updates [K, N] states every iteration, where those passes dominate.
#include "common.h"
#include "activation.h"

#include <cmath>

namespace {

template <typename T>
inline void adam_pass(T* __restrict p, const T* __restrict g, T* __restrict m, T* __restrict v, int64_t n,
                      T step_size, T root_bc2, T b1, T b2, T eps) {
  for (int64_t i = 0; i < n; ++i) {
    const T gi = g[i];
    m[i] = m[i] * b1 + gi * (T(1) - b1);
    v[i] = v[i] * b2 + gi * gi * (T(1) - b2);
    p[i] -= step_size * m[i] / (std::sqrt(v[i]) / root_bc2 + eps);
  }
}

// Built twice, for AVX2 and for any x86-64 (picked at load time), so the square roots and divisions
// run four (eight) at a time where the processor can.
template <typename T>
__attribute__((target_clones("avx2", "default")))
void adam_update(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, double step_size, double root_bc2, double b1, double b2, double eps) {
  adam_pass<T>(p.data_ptr<T>(), g.data_ptr<T>(), m.data_ptr<T>(), v.data_ptr<T>(), p.numel(),
               T(step_size), T(root_bc2), T(b1), T(b2), T(eps));
}

}  // namespace

// Updates p, m and v in place; step is the 1-based count of this update.
RL_EXPORT int rl_adam_update_(rl::TH p, rl::TH g, rl::TH m, rl::TH v, int64_t step, double lr, double b1, double b2, double eps) {
  return rl::guard_status([&] {
    TORCH_CHECK(step >= 1, "adam_update_: step must be >= 1, got ", step);
    TORCH_CHECK(g->sizes() == p->sizes() && m->sizes() == p->sizes() && v->sizes() == p->sizes(),
                "adam_update_: p, g, m and v must have one shape");
    const double bc1 = 1 - std::pow(b1, static_cast<double>(step));
    const double root_bc2 = std::sqrt(1 - std::pow(b2, static_cast<double>(step)));
    const bool fast = rl::fast_path(*p) && p->is_contiguous() && g->is_contiguous() && m->is_contiguous() && v->is_contiguous() &&
                      g->scalar_type() == p->scalar_type() && m->scalar_type() == p->scalar_type() && v->scalar_type() == p->scalar_type();
    if (fast && p->scalar_type() == at::kFloat) adam_update<float>(*p, *g, *m, *v, lr / bc1, root_bc2, b1, b2, eps);
    else if (fast) adam_update<double>(*p, *g, *m, *v, lr / bc1, root_bc2, b1, b2, eps);
    else {
      at::NoGradGuard no_grad;
      m->mul_(b1).add_(*g, 1 - b1);
      v->mul_(b2).addcmul_(*g, *g, 1 - b2);
      p->addcdiv_(*m, v->sqrt().div_(root_bc2).add_(eps), -lr / bc1);
    }
  });
}
