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
// (the products stay BLAS calls through ATen); an ensemble's networks there run as lanes on their own
// threads with direct gemm calls (see for_each_lane); elsewhere the same steps run as ATen ops.
//
// Shapes: W [N, N], drive [T, B, N], r0 [B, N]; or, for K networks trained together, W [K, N, N],
// drive [T, K, B, N], r0 [K, B, N] (batched matrix products). Everything is plain ATen, so it runs on
// whatever device the tensors are on.
#include "common.h"
#include "activation.h"
#include "blas.h"

#include <torch/csrc/autograd/custom_function.h>

#include <algorithm>
#include <cmath>

namespace {

using rl::Act;
using rl::activate;
using rl::affine_out;
using rl::derivative;
using rl::fast_path;

// One pass instead of three ATen ops per step: next = (1 - alpha) r + alpha f(pre).
template <typename T>
__attribute__((target_clones("avx2", "default")))
void leak_pass(const T* __restrict pre, const T* __restrict r, T* __restrict next, int64_t n, T alpha, Act act, T slope) {
  const T keep = T(1) - alpha;
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    for (int64_t i = 0; i < n; ++i) next[i] = keep * r[i] + alpha * rl::f_fixed<A>(pre[i], slope);
  });
}

// One pass of BPTT's element-wise part: g = grad + carry; dpre = alpha f'(pre) g; carry = (1 - alpha) g.
template <typename T>
__attribute__((target_clones("avx2", "default")))
void bptt_pass(const T* __restrict grad, T* __restrict carry, const T* __restrict pre, T* __restrict dpre, int64_t n, T alpha, Act act, T slope) {
  const T keep = T(1) - alpha;
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    for (int64_t i = 0; i < n; ++i) {
      const T g = grad[i] + carry[i];
      dpre[i] = alpha * rl::fprime_fixed<A>(pre[i], slope) * g;
      carry[i] = keep * g;
    }
  });
}

template <typename T>
void leak_step(const at::Tensor& pre, const at::Tensor& r, at::Tensor& next, double alpha, Act act, double slope) {
  leak_pass<T>(pre.data_ptr<T>(), r.data_ptr<T>(), next.data_ptr<T>(), pre.numel(), T(alpha), act, T(slope));
}

template <typename T>
void bptt_step(const at::Tensor& grad, at::Tensor& carry, const at::Tensor& pre, at::Tensor& dpre, double alpha, Act act, double slope) {
  bptt_pass<T>(grad.data_ptr<T>(), carry.data_ptr<T>(), pre.data_ptr<T>(), dpre.data_ptr<T>(), pre.numel(), T(alpha), act, T(slope));
}

// The CPU path by lanes, for ensembles. Networks (and rows of a batch) never mix in the recursion, so
// the work is cut into lanes (one network's block of rows) and each lane runs all T steps on its own
// thread, its products direct gemm calls on one BLAS thread: no barrier per step, no BLAS threading of
// small products (on 2 cores, 200 [64, 128] x [128, 128] products took 4.4 ms on 2 BLAS threads, 3.5 ms
// on one, 2.6 ms as two lanes). Row-major [R, N] blocks are column-major [N, R]: (r W^T)^T = W r^T.
struct Lane {
  int64_t network, row0, rows, n;
  int ni, ri;  // n and rows as BLAS ints
  // Offset of this lane's first row at step t in a [T, K, B, N] tensor (drive, pre, rates, their gradients).
  int64_t step_offset(int64_t t, int64_t k, int64_t b) const { return ((t * k + network) * b + row0) * n; }
  // Offset of this lane's first row in a [K, B, N] tensor (r0, the BPTT carry).
  int64_t state_offset(int64_t b) const { return (network * b + row0) * n; }
};

// Runs body(gemm, W of the lane's network, lane) for every lane of an ensemble (W [K, N, N], tensors
// [T, K, B, N]), the lanes spread over threads; false
// when the BLAS offers no gemm. Lanes of about 32 rows or more, at most 4 per network: the cut depends
// on the batch alone, never on the threads, since a product's rows can round differently with the
// product's size (float32 did) and a run's numbers must not depend on the machine's threads.
template <typename T, class Body>
bool for_each_lane(const at::Tensor& w, int64_t b, Body&& body) {
  const auto gemm = rl::blas::gemm<T>();
  if (!gemm) return false;
  const int64_t k = w.size(0), n = w.size(2);
  const int64_t per_network = std::clamp<int64_t>(b / 32, 1, 4);
  const int64_t rows = (b + per_network - 1) / per_network, lanes_per_network = (b + rows - 1) / rows, lanes = k * lanes_per_network;
  const T* wp = w.data_ptr<T>();
  rl::blas::spread(lanes, rl::blas::spread_workers(lanes), [&](int64_t l) {
    Lane lane{l / lanes_per_network, (l % lanes_per_network) * rows, 0, n, static_cast<int>(n), 0};
    lane.rows = std::min(rows, b - lane.row0);
    lane.ri = static_cast<int>(lane.rows);
    body(gemm, wp + lane.network * n * n, lane);
  });
  return true;
}

template <typename T>
bool forward_lanes(const at::Tensor& w, const at::Tensor& drive, const at::Tensor& r0, at::Tensor& pre, at::Tensor& rates,
                   double alpha, Act act, double slope) {
  const int64_t k = w.size(0), steps = drive.size(0), b = drive.size(2);
  const T* dp = drive.data_ptr<T>();
  const T* r0p = r0.data_ptr<T>();  // [K, B, N]
  T* pp = pre.data_ptr<T>();
  T* rp = rates.data_ptr<T>();
  return for_each_lane<T>(w, b, [&](rl::blas::Gemm<T> gemm, const T* wk, const Lane& lane) {
    const T one = 1;
    const int64_t count = lane.rows * lane.n;
    for (int64_t t = 0; t < steps; ++t) {
      const int64_t here = lane.step_offset(t, k, b);
      const T* r = t == 0 ? r0p + lane.state_offset(b) : rp + lane.step_offset(t - 1, k, b);
      std::copy(dp + here, dp + here + count, pp + here);
      gemm("T", "N", &lane.ni, &lane.ri, &lane.ni, &one, wk, &lane.ni, r, &lane.ni, &one, pp + here, &lane.ni);   // pre = drive + r W^T
      leak_pass<T>(pp + here, r, rp + here, count, T(alpha), act, T(slope));
    }
  });
}

// BPTT by lanes; carry [K, B, N] (zeros) ends as dL/dr0 before broadcasting is undone.
template <typename T>
bool backward_lanes(const at::Tensor& w, const at::Tensor& grad_rates, const at::Tensor& pre, at::Tensor& grad_drive, at::Tensor& carry,
                    double alpha, Act act, double slope) {
  const int64_t k = w.size(0), steps = pre.size(0), b = pre.size(2);
  const T* gp = grad_rates.data_ptr<T>();
  const T* pp = pre.data_ptr<T>();
  T* dp = grad_drive.data_ptr<T>();
  T* cp = carry.data_ptr<T>();
  return for_each_lane<T>(w, b, [&](rl::blas::Gemm<T> gemm, const T* wk, const Lane& lane) {
    const T one = 1;
    T* c = cp + lane.state_offset(b);
    for (int64_t t = steps - 1; t >= 0; --t) {
      const int64_t here = lane.step_offset(t, k, b);
      bptt_pass<T>(gp + here, c, pp + here, dp + here, lane.rows * lane.n, T(alpha), act, T(slope));
      gemm("N", "N", &lane.ni, &lane.ri, &lane.ni, &one, wk, &lane.ni, dp + here, &lane.ni, &one, c, &lane.ni);   // carry += dpre W
    }
  });
}

// Lanes serve ensembles (K networks, W [K, N, N]) of W's dtype on the CPU, with products small enough
// for int BLAS sizes. There they measured faster than batched products (S3: 10.2-10.3 against 8.2-9.7
// steps/s). A single network's batch cut into lanes measured slower (S1 42-70 against 83 steps/s): the
// products around its loop (input drive, dW) run on OpenBLAS's threads, which then spin on the second
// core for a while, just when the second lane wants it.
bool lanes_apply(const at::Tensor& w, const at::Tensor& x) {
  return w.dim() == 3 && w.scalar_type() == x.scalar_type() && w.device().is_cpu() && w.size(-1) < (1 << 20) && x.size(-2) < (1 << 20);
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
    const bool by_lanes = fast && lanes_apply(w, drive) &&
        (drive.scalar_type() == at::kFloat ? forward_lanes<float>(w.contiguous(), drive.contiguous(), r, pre, rates, alpha, act, slope)
                                           : forward_lanes<double>(w.contiguous(), drive.contiguous(), r, pre, rates, alpha, act, slope));
    if (!by_lanes) {
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
    const bool by_lanes = fast && lanes_apply(w, pre) &&
        (pre.scalar_type() == at::kFloat ? backward_lanes<float>(w.contiguous(), grad_rates, pre, grad_drive, carry, alpha, act, slope)
                                         : backward_lanes<double>(w.contiguous(), grad_rates, pre, grad_drive, carry, alpha, act, slope));
    if (!by_lanes) {
      for (int64_t t = steps - 1; t >= 0; --t) {
        auto dpre = grad_drive[t];
        if (fast && pre.scalar_type() == at::kFloat) bptt_step<float>(grad_rates[t], carry, pre[t], dpre, alpha, act, slope);
        else if (fast) bptt_step<double>(grad_rates[t], carry, pre[t], dpre, alpha, act, slope);
        else {
          at::add_out(g, grad_rates[t], carry);
          at::mul_out(dpre, g, gain[t]);
          at::mul_out(carry, g, 1 - alpha);
        }
        affine_out(carry, carry, dpre, w, batched);                  // carry += dpre W
      }
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
