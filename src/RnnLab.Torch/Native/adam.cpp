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
void adam_pass(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, double step_size, double root_bc2, double b1, double b2, double eps) {
  T* pp = p.data_ptr<T>();
  const T* gp = g.data_ptr<T>();
  T* mp = m.data_ptr<T>();
  T* vp = v.data_ptr<T>();
  const int64_t n = p.numel();
  for (int64_t i = 0; i < n; ++i) {
    const T gi = gp[i];
    mp[i] = mp[i] * T(b1) + gi * T(1 - b1);
    vp[i] = vp[i] * T(b2) + gi * gi * T(1 - b2);
    pp[i] -= T(step_size) * mp[i] / (std::sqrt(vp[i]) / T(root_bc2) + T(eps));
  }
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
    if (fast && p->scalar_type() == at::kFloat) adam_pass<float>(*p, *g, *m, *v, lr / bc1, root_bc2, b1, b2, eps);
    else if (fast) adam_pass<double>(*p, *g, *m, *v, lr / bc1, root_bc2, b1, b2, eps);
    else {
      at::NoGradGuard no_grad;
      m->mul_(b1).add_(*g, 1 - b1);
      v->mul_(b2).addcmul_(*g, *g, 1 - b2);
      p->addcdiv_(*m, v->sqrt().div_(root_bc2).add_(eps), -lr / bc1);
    }
  });
}
