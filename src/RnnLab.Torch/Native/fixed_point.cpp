// The speed q of a rate RNN's vector field and its gradient, for the fixed-point search (RnnLab's fused kernel).
//
//   pre = c + x W^T,   F = (f(pre) - x) / tau,   q_k = 1/2 |F_k|^2
//   d(mean_k q_k)/dx = (-F + (f'(pre) * F) W) / (tau K)
//
// Autograd evaluates this as some fifteen ATen ops and a recorded graph per iteration over [K, N]
// tensors; here it is two matrix products and two element-wise passes, the second writing the
// gradient straight into a buffer the search reuses. Shapes: x [K, N], W [N, N] (the effective
// recurrent weights), c [K, N] or [N] (W_in u + b).
#include "common.h"
#include "activation.h"

namespace {

using rl::Act;

// Pass 1: q_k and h = f'(pre) * F, with F kept for pass 2; pre is overwritten with h.
template <typename T>
void speed_pass(at::Tensor& pre, const at::Tensor& x, at::Tensor& field, at::Tensor& q, double tau, Act act, double slope) {
  const int64_t k = x.size(0), n = x.size(1);
  T* p = pre.data_ptr<T>();
  const T* xp = x.data_ptr<T>();
  T* fp = field.data_ptr<T>();
  T* qp = q.data_ptr<T>();
  const T inv_tau = T(1) / T(tau), s = T(slope);
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    for (int64_t row = 0; row < k; ++row) {
      T sum = 0;
      for (int64_t i = row * n; i < (row + 1) * n; ++i) {
        const T F = (rl::f_fixed<A>(p[i], s) - xp[i]) * inv_tau;
        fp[i] = F;
        sum += F * F;
        p[i] = rl::fprime_fixed<A>(p[i], s) * F;
      }
      qp[row] = T(0.5) * sum;
    }
  });
}

// Pass 2: grad = (hW - F) / (tau K), in place over hW.
template <typename T>
void gradient_pass(at::Tensor& grad, const at::Tensor& field, double scale) {
  T* g = grad.data_ptr<T>();
  const T* fp = field.data_ptr<T>();
  const T sc = T(scale);
  const int64_t n = grad.numel();
  for (int64_t i = 0; i < n; ++i) g[i] = (g[i] - fp[i]) * sc;
}

}  // namespace

// q [K] of each state; writes d(mean q)/dx into grad [K, N] (contiguous, x's dtype and device).
RL_EXPORT rl::TH rl_rate_rnn_speed(rl::TH x, rl::TH w, rl::TH c, double tau, int act_code, double slope, rl::TH grad) {
  return rl::guard_tensor([&] {
    TORCH_CHECK(x->dim() == 2 && w->dim() == 2 && w->size(0) == w->size(1) && x->size(1) == w->size(0),
                "rate_rnn_speed: x must be [K, N] and W [N, N], got ", x->sizes(), " and ", w->sizes());
    TORCH_CHECK(grad->sizes() == x->sizes() && grad->is_contiguous() && grad->scalar_type() == x->scalar_type(),
                "rate_rnn_speed: grad must be a contiguous tensor shaped and typed like x");
    TORCH_CHECK(tau > 0, "rate_rnn_speed: tau must be > 0, got ", tau);
    const auto act = static_cast<Act>(act_code);
    const auto xs = x->contiguous();
    const auto k = xs.size(0);
    auto pre = at::addmm(c->expand_as(xs), xs, w->t());
    if (rl::fast_path(xs)) {
      auto field = at::empty_like(xs);
      auto q = at::empty({k}, xs.options());
      if (xs.scalar_type() == at::kFloat) speed_pass<float>(pre, xs, field, q, tau, act, slope);
      else speed_pass<double>(pre, xs, field, q, tau, act, slope);
      at::mm_out(*grad, pre, *w);
      if (xs.scalar_type() == at::kFloat) gradient_pass<float>(*grad, field, 1.0 / (tau * k));
      else gradient_pass<double>(*grad, field, 1.0 / (tau * k));
      return q;
    }
    const auto field = (rl::activate(pre, act, slope) - xs) / tau;
    auto q = field.square().sum(1) * 0.5;
    at::mm_out(*grad, rl::derivative(pre, act, slope) * field, *w);
    grad->sub_(field).div_(tau * k);
    return q;
  });
}
