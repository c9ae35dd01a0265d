// The rate-RNN time loop as one autograd node (RnnLab's fused kernel).
//
//   pre_t = drive_t + r_{t-1} W^T,   r_t = (1 - alpha) r_{t-1} + alpha f(pre_t),   t = 0..T-1
//
// Op-by-op autograd records ~5 nodes per step and pays dispatcher and graph overhead for each; here
// forward runs the recursion with BLAS calls into preallocated outputs and keeps only the rates and
// pre-activations, and backward runs BPTT the same way:
//
//   g_t   = dL/dr_t (from the rates' gradient) + carry
//   dpre  = g_t * alpha * f'(pre_t)              -> dL/d drive_t
//   carry = (1 - alpha) g_t + dpre W             -> flows to r_{t-1}
//   dW    = sum_t dpre_t^T r_{t-1}   (one large product after the loop)
//
// On contiguous float32/float64 CPU tensors the element-wise work of a step is one hand-written pass
// (the products stay BLAS calls through ATen); elsewhere the same steps run as ATen ops.
//
// Shapes: W [N, N], drive [T, B, N], r0 [B, N]; or, for K networks trained together, W [K, N, N],
// drive [T, K, B, N], r0 [K, B, N] (batched matrix products). Everything is plain ATen, so it runs on
// whatever device the tensors are on.
#include "common.h"
#include "activation.h"

#include <torch/csrc/autograd/custom_function.h>

#include <cmath>

namespace {

using rl::Act;
using rl::activate;
using rl::affine_out;
using rl::derivative;
using rl::fast_path;

// One pass instead of three ATen ops per step: next = (1 - alpha) r + alpha f(pre).
template <typename T>
void leak_step(const at::Tensor& pre, const at::Tensor& r, at::Tensor& next, double alpha, Act act, double slope) {
  const T* p = pre.data_ptr<T>();
  const T* rp = r.data_ptr<T>();
  T* out = next.data_ptr<T>();
  const int64_t n = pre.numel();
  const T a = T(alpha), keep = T(1 - alpha), s = T(slope);
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    for (int64_t i = 0; i < n; ++i) out[i] = keep * rp[i] + a * rl::f_fixed<A>(p[i], s);
  });
}

// One pass of BPTT's element-wise part: g = grad + carry; dpre = alpha f'(pre) g; carry = (1 - alpha) g.
template <typename T>
void bptt_step(const at::Tensor& grad, at::Tensor& carry, const at::Tensor& pre, at::Tensor& dpre, double alpha, Act act, double slope) {
  const T* gp = grad.data_ptr<T>();
  const T* pp = pre.data_ptr<T>();
  T* cp = carry.data_ptr<T>();
  T* dp = dpre.data_ptr<T>();
  const int64_t n = pre.numel();
  const T a = T(alpha), keep = T(1 - alpha), s = T(slope);
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    for (int64_t i = 0; i < n; ++i) {
      const T g = gp[i] + cp[i];
      dp[i] = a * rl::fprime_fixed<A>(pp[i], s) * g;
      cp[i] = keep * g;
    }
  });
}

struct RateRnnLoop : public torch::autograd::Function<RateRnnLoop> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& w, const at::Tensor& drive,
                            const at::Tensor& r0, double alpha, int64_t act_code, double slope) {
    const bool batched = w.dim() == 3;
    TORCH_CHECK(w.dim() == 2 || w.dim() == 3, "rate_rnn_loop: W must be [N, N] or [K, N, N], got ", w.sizes());
    TORCH_CHECK(drive.dim() == w.dim() + 1, "rate_rnn_loop: drive must be [T, ", batched ? "K, " : "", "B, N], got ", drive.sizes());
    TORCH_CHECK(alpha > 0 && alpha <= 1, "rate_rnn_loop: alpha must lie in (0, 1], got ", alpha);
    const auto act = static_cast<Act>(act_code);
    const int64_t steps = drive.size(0);
    auto rates = at::empty_like(drive, at::MemoryFormat::Contiguous);
    auto pre = at::empty_like(drive, at::MemoryFormat::Contiguous);
    const auto wt = w.transpose(-1, -2);
    auto r = r0.expand(drive[0].sizes()).contiguous();
    const bool fast = fast_path(drive);
    for (int64_t t = 0; t < steps; ++t) {
      auto p = pre[t];
      affine_out(p, drive[t], r, wt, batched);
      auto next = rates[t];
      if (fast && drive.scalar_type() == at::kFloat) leak_step<float>(p, r, next, alpha, act, slope);
      else if (fast) leak_step<double>(p, r, next, alpha, act, slope);
      else {
        at::mul_out(next, r, 1 - alpha);
        next.add_(activate(p, act, slope), alpha);
      }
      r = next;
    }
    ctx->save_for_backward({w, r0, rates, pre});
    ctx->saved_data["alpha"] = alpha;
    ctx->saved_data["act"] = act_code;
    ctx->saved_data["slope"] = slope;
    return rates;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto& w = saved[0];
    const auto& r0 = saved[1];
    const auto& rates = saved[2];
    const auto& pre = saved[3];
    const double alpha = ctx->saved_data["alpha"].toDouble();
    const auto act = static_cast<Act>(ctx->saved_data["act"].toInt());
    const double slope = ctx->saved_data["slope"].toDouble();
    const bool batched = w.dim() == 3;
    const int64_t steps = pre.size(0);

    auto grad_rates = (grads[0].defined() ? grads[0] : at::zeros_like(rates)).contiguous();
    const bool fast = fast_path(pre) && grad_rates.scalar_type() == pre.scalar_type();
    const auto gain = fast ? at::Tensor() : derivative(pre, act, slope).mul_(alpha);   // alpha f'(pre_t), ATen path only
    auto grad_drive = at::empty_like(pre);
    auto r0_full = r0.expand(pre[0].sizes());
    auto carry = at::zeros_like(pre[0]);
    auto g = at::empty_like(pre[0]);
    for (int64_t t = steps - 1; t >= 0; --t) {
      auto dpre = grad_drive[t];
      if (fast && pre.scalar_type() == at::kFloat) bptt_step<float>(grad_rates[t], carry, pre[t], dpre, alpha, act, slope);
      else if (fast) bptt_step<double>(grad_rates[t], carry, pre[t], dpre, alpha, act, slope);
      else {
        at::add_out(g, grad_rates[t], carry);
        at::mul_out(dpre, g, gain[t]);
        at::mul_out(carry, g, 1 - alpha);
      }
      affine_out(carry, carry, dpre, w, batched);                    // carry += dpre W
    }
    // dL/dW = sum_t dpre_t^T r_{t-1}: one large product over all steps instead of T small ones.
    auto previous = at::cat({r0_full.unsqueeze(0), rates.narrow(0, 0, steps - 1)}, 0);
    at::Tensor grad_w;
    if (batched) {
      const auto k = w.size(0), n = w.size(1);
      auto d = grad_drive.transpose(0, 1).reshape({k, -1, n});       // [K, T*B, N]
      auto r = previous.transpose(0, 1).reshape({k, -1, n});
      grad_w = at::bmm(d.transpose(1, 2), r);
    } else {
      const auto n = w.size(0);
      grad_w = at::mm(grad_drive.reshape({-1, n}).t(), previous.reshape({-1, n}));
    }
    // r0 may have been broadcast (a learned initial state [N]); sum the gradient back to its shape.
    auto grad_r0 = carry.sum_to_size(r0.sizes());
    return {grad_w, grad_drive, grad_r0, at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace

// rates [T, (K,) B, N] of the rate RNN, as one differentiable node (see the comment at the top).
RL_EXPORT rl::TH rl_rate_rnn_loop(rl::TH w, rl::TH drive, rl::TH r0, double alpha, int act, double slope) {
  return rl::guard_tensor([&] { return RateRnnLoop::apply(*w, *drive, *r0, alpha, static_cast<int64_t>(act), slope); });
}
