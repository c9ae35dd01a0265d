// One iteration of the fixed-point search on a rate RNN, fused (RnnLab's native kernel):
//
//   pre = c + x W^T,   F = (f(pre) - x) / tau,   q_k = 1/2 |F_k|^2
//   g = d(mean_k q_k)/dx = (-F + (f'(pre) * F) W) / (tau K)
//   Adam (update t): m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
//                    d = m / (sqrt(v) / sqrt(1 - b2^t) + eps) / (1 - b1^t)
//
// and the step x -= lr d is taken at the start of the *next* iteration: the search picks lr from mean q
// over all states, known only once every state's q is. Autograd spends some fifteen ATen ops and a
// recorded graph per iteration on q and g, and the managed Adam eight more passes over [K, N]. Here the
// states go through in tiles of rows: a tile's step, two matrix products and two passes run
// on data that stays in the core's cache, and the tiles spread over the BLAS library's threads, each
// tile's products on one thread. Tiles have a fixed size, so the numbers do not depend on the threads.
#include "common.h"
#include "activation.h"
#include "blas.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

using rl::Act;

// Rows per tile: a quarter of the states, within [32, 256]. Large tiles spread the cost of packing W
// for each product over more rows (256 measured best for 1024 states of 128 units, 128 and 512 were
// 5-10% slower), while several tiles keep the threads busy. It depends on K alone, never on the
// number of threads.
int64_t tile_rows(int64_t k) { return std::clamp<int64_t>((k + 3) / 4, 32, 256); }

template <typename T>
struct Problem {
  T* x; const T* w; const T* c; T* m; T* v; T* d; T* q;
  int64_t k, n, tile;  // tile: rows per tile
  bool c_per_row, first;
  T inv_tau, slope, lr, grad_scale, b1, b2, eps, inv_bc1, root_bc2;
};

// NaN wins, as in torch.max: a search whose q turned NaN must see it.
template <typename T>
inline T nan_max(T a, T b) { return std::isnan(a) || a > b ? a : b; }

// Pass 1 over a tile: q and h = f'(pre) * F (written over pre), F kept for pass 2. Scalars are copied
// out of p, and pointers marked unaliased, so that the compiler can keep them in registers and vectorize.
template <Act A, typename T>
__attribute__((target_clones("avx512f", "avx2", "default")))
void speed_pass(const Problem<T>& p, int64_t row0, int64_t rows, T* pre, T* field, T& max_q, T& max_dq) {
  const int64_t n = p.n;
  const T slope = p.slope, inv_tau = p.inv_tau;
  T* const q = p.q;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t row = row0 + r;
    const T* __restrict c = p.c + (p.c_per_row ? row * n : 0);
    const T* __restrict x = p.x + row * n;
    T* __restrict h = pre + r * n;
    T* __restrict f = field + r * n;
    T sum = 0;
    // simd: the sum may be taken in vector lanes (a fixed order for a given build and machine).
#pragma omp simd reduction(+ : sum)
    for (int64_t j = 0; j < n; ++j) {
      const T a = h[j] + c[j];
      const T F = (rl::f_fixed<A>(a, slope) - x[j]) * inv_tau;
      f[j] = F;
      sum += F * F;
      h[j] = rl::fprime_fixed<A>(a, slope) * F;
    }
    const T qr = T(0.5) * sum;
    if (!p.first) max_dq = nan_max(std::abs(qr - q[row]), max_dq);
    max_q = nan_max(qr, max_q);
    q[row] = qr;
  }
}

// Pass 2 over a tile: the gradient from hW and F, folded into Adam's moments and next direction.
template <typename T>
__attribute__((target_clones("avx512f", "avx2", "default")))
void adam_pass(const Problem<T>& p, int64_t row0, int64_t rows, const T* __restrict hw, const T* __restrict field) {
  const int64_t begin = row0 * p.n, count = rows * p.n;
  T* __restrict m = p.m + begin;
  T* __restrict v = p.v + begin;
  T* __restrict d = p.d + begin;
  const T b1 = p.b1, b2 = p.b2, a1 = T(1) - p.b1, a2 = T(1) - p.b2;
  const T scale = p.grad_scale, inv_root_bc2 = T(1) / p.root_bc2, eps = p.eps, inv_bc1 = p.inv_bc1;
  for (int64_t i = 0; i < count; ++i) {
    const T g = (hw[i] - field[i]) * scale;
    const T mi = m[i] * b1 + g * a1;
    const T vi = v[i] * b2 + g * g * a2;
    m[i] = mi;
    v[i] = vi;
    d[i] = mi / (std::sqrt(vi) * inv_root_bc2 + eps) * inv_bc1;
  }
}

template <typename T>
__attribute__((target_clones("avx512f", "avx2", "default")))
void step_pass(T* __restrict x, const T* __restrict d, int64_t count, T lr) {
  for (int64_t i = 0; i < count; ++i) x[i] -= lr * d[i];
}

// One tile: pending step, pre = x W^T, pass 1, hW, pass 2. scratch holds 3 tiles of [p.tile, n].
template <Act A, typename T>
void descend_tile(const Problem<T>& p, rl::blas::Gemm<T> gemm, int64_t tile, T* scratch, T& max_q, T& max_dq) {
  const int64_t row0 = tile * p.tile, rows = std::min(p.tile, p.k - row0);
  const int n = static_cast<int>(p.n), r = static_cast<int>(rows);
  T* pre = scratch;
  T* field = scratch + p.tile * p.n;
  T* hw = field + p.tile * p.n;
  T* x = p.x + row0 * p.n;
  if (p.lr != T(0)) step_pass<T>(x, p.d + row0 * p.n, rows * p.n, p.lr);
  const T one = 1, zero = 0;
  // Row-major [r, n] is column-major [n, r]: pre^T = W x^T and (hW)^T = W^T h^T.
  gemm("T", "N", &n, &r, &n, &one, p.w, &n, x, &n, &zero, pre, &n);
  speed_pass<A, T>(p, row0, rows, pre, field, max_q, max_dq);
  gemm("N", "N", &n, &r, &n, &one, p.w, &n, pre, &n, &zero, hw, &n);
  adam_pass<T>(p, row0, rows, hw, field);
}

// The tiled CPU path; false when the BLAS offers no gemm to call.
template <typename T>
bool descend_tiled(const Problem<T>& p, Act act, double* summary) {
  const auto gemm = rl::blas::gemm<T>();
  if (!gemm) return false;
  const int64_t tiles = (p.k + p.tile - 1) / p.tile;
  const int workers = rl::blas::spread_workers(tiles);
  thread_local std::vector<T> scratch;
  const size_t per_worker = static_cast<size_t>(3 * p.tile * p.n);
  if (scratch.size() < per_worker * workers) scratch.resize(per_worker * workers);
  T* const base = scratch.data();  // the caller's: inside the workers, `scratch` would name each one's own
  std::vector<T> tile_max_q(tiles, T(0)), tile_max_dq(tiles, T(0));
  rl::with_activation(act, [&](auto fixed) {
    constexpr Act A = decltype(fixed)::value;
    rl::blas::spread(tiles, workers, [&](int64_t t) {
      descend_tile<A, T>(p, gemm, t, base + per_worker * omp_get_thread_num(), tile_max_q[t], tile_max_dq[t]);
    });
  });

  T max_q = 0, max_dq = 0;
  for (int64_t t = 0; t < tiles; ++t) {
    max_q = nan_max(tile_max_q[t], max_q);
    max_dq = nan_max(tile_max_dq[t], max_dq);
  }
  double sum = 0;  // in row order, whatever the workers
  for (int64_t row = 0; row < p.k; ++row) sum += p.q[row];
  summary[0] = max_q;
  summary[1] = p.first ? std::numeric_limits<double>::infinity() : static_cast<double>(max_dq);
  summary[2] = sum / static_cast<double>(p.k);
  return true;
}

// The same iteration in ATen ops, for other devices and dtypes.
void descend_aten(at::Tensor& x, const at::Tensor& w, const at::Tensor& c, at::Tensor& m, at::Tensor& v, at::Tensor& d,
                  at::Tensor& q, double tau, Act act, double slope, double lr, bool first, double b1, double b2, double eps,
                  double inv_bc1, double root_bc2, double* summary) {
  at::NoGradGuard no_grad;
  if (lr != 0) x.sub_(d * lr);
  const auto pre = at::addmm(c.expand_as(x), x, w.t());
  const auto field = (rl::activate(pre, act, slope) - x) / tau;
  const auto qn = field.square().sum(1) * 0.5;
  summary[0] = qn.max().item<double>();
  summary[1] = first ? std::numeric_limits<double>::infinity() : (qn - q).abs().max().item<double>();
  summary[2] = qn.mean().item<double>();
  q.copy_(qn);
  const auto g = at::mm(rl::derivative(pre, act, slope) * field, w).sub_(field).div_(tau * x.size(0));
  m.mul_(b1).add_(g, 1 - b1);
  v.mul_(b2).addcmul_(g, g, 1 - b2);
  d.copy_(m / (v.sqrt() / root_bc2 + eps) * inv_bc1);
}

}  // namespace

// Takes the pending step x -= lr d (lr = 0: none), then evaluates q [K] at x (q holds the previous
// iteration's q on entry) and makes Adam update number `step` (1-based) of m and v, leaving the next
// direction in d. summary receives max q, max |q - previous q| (infinity at step 1) and mean q.
// x, m, v, d are [K, N] and q [K], contiguous and of one dtype and device; W [N, N]; c [K, N] or [N].
RL_EXPORT int rl_rate_rnn_descent(rl::TH x, rl::TH w, rl::TH c, rl::TH m, rl::TH v, rl::TH d, rl::TH q, double tau,
                                  int act_code, double slope, double lr, int64_t step, double b1, double b2, double eps,
                                  double* summary) {
  return rl::guard_status([&] {
    TORCH_CHECK(x->dim() == 2 && w->dim() == 2 && w->size(0) == w->size(1) && x->size(1) == w->size(0),
                "rate_rnn_descent: x must be [K, N] and W [N, N], got ", x->sizes(), " and ", w->sizes());
    const auto k = x->size(0), n = x->size(1);
    TORCH_CHECK(c->sizes() == x->sizes() || (c->dim() == 1 && c->size(0) == n),
                "rate_rnn_descent: c must be [K, N] or [N], got ", c->sizes());
    for (const at::Tensor* t : {x, m, v, d, q, c})
      TORCH_CHECK(t->is_contiguous() && t->scalar_type() == x->scalar_type() && t->device() == x->device(),
                  "rate_rnn_descent: x, c, m, v, d and q must be contiguous, of one dtype and on one device");
    TORCH_CHECK(m->sizes() == x->sizes() && v->sizes() == x->sizes() && d->sizes() == x->sizes(),
                "rate_rnn_descent: m, v and d must be shaped like x ", x->sizes());
    TORCH_CHECK(q->dim() == 1 && q->size(0) == k, "rate_rnn_descent: q must be [K] = [", k, "], got ", q->sizes());
    TORCH_CHECK(tau > 0, "rate_rnn_descent: tau must be > 0, got ", tau);
    TORCH_CHECK(step >= 1, "rate_rnn_descent: step must be >= 1, got ", step);
    TORCH_CHECK(k > 0 && n > 0, "rate_rnn_descent: no states");
    const auto act = static_cast<Act>(act_code);
    const double inv_bc1 = 1 / (1 - std::pow(b1, static_cast<double>(step)));
    const double root_bc2 = std::sqrt(1 - std::pow(b2, static_cast<double>(step)));
    const bool first = step == 1;
    const auto ws = w->to(x->options()).contiguous();
    auto tiled = [&](auto zero) {
      using T = decltype(zero);
      const Problem<T> p{x->data_ptr<T>(), ws.data_ptr<T>(), c->data_ptr<T>(), m->data_ptr<T>(), v->data_ptr<T>(),
                         d->data_ptr<T>(), q->data_ptr<T>(), k, n, tile_rows(k), c->dim() == 2, first,
                         T(1 / tau), T(slope), T(lr), T(1 / (tau * k)), T(b1), T(b2), T(eps), T(inv_bc1), T(root_bc2)};
      return descend_tiled<T>(p, act, summary);
    };
    const bool done = rl::fast_path(*x) && (x->scalar_type() == at::kFloat ? tiled(0.0f) : tiled(0.0));
    if (!done) descend_aten(*x, ws, *c, *m, *v, *d, *q, tau, act, slope, lr, first, b1, b2, eps, inv_bc1, root_bc2, summary);
  });
}
