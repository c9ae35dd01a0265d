// Element-wise arithmetic, activations, comparisons, matrix products, in-place updates and reductions.
#include "common.h"

using namespace rl;

#define RL_UNARY(name, expr) \
  RL_EXPORT TH rl_##name(TH a) { return guard_tensor([&] { return (expr); }); }

RL_UNARY(neg, a->neg())
RL_UNARY(relu, at::relu(*a))
RL_UNARY(tanh, at::tanh(*a))
RL_UNARY(sigmoid, at::sigmoid(*a))
RL_UNARY(exp, at::exp(*a))
RL_UNARY(log, at::log(*a))
RL_UNARY(sqrt, at::sqrt(*a))
RL_UNARY(abs, at::abs(*a))
RL_UNARY(sign, at::sign(*a))
RL_UNARY(square, at::square(*a))
RL_UNARY(sin, at::sin(*a))
RL_UNARY(cos, at::cos(*a))
RL_UNARY(reciprocal, at::reciprocal(*a))
RL_UNARY(isnan, at::isnan(*a))
RL_UNARY(isfinite, at::isfinite(*a))
RL_UNARY(logical_not, at::logical_not(*a))
RL_UNARY(real, at::real(*a))
RL_UNARY(imag, at::imag(*a))
RL_UNARY(angle, at::angle(*a))
RL_UNARY(conj, at::conj(*a).resolve_conj())

#define RL_BINARY(name, expr) \
  RL_EXPORT TH rl_##name(TH a, TH b) { return guard_tensor([&] { return (expr); }); }

RL_BINARY(mul, at::mul(*a, *b))
RL_BINARY(div, at::div(*a, *b))
RL_BINARY(pow, at::pow(*a, *b))
RL_BINARY(maximum, at::maximum(*a, *b))
RL_BINARY(minimum, at::minimum(*a, *b))
RL_BINARY(matmul, at::matmul(*a, *b))
RL_BINARY(mm, at::mm(*a, *b))
RL_BINARY(bmm, at::bmm(*a, *b))
RL_BINARY(eq, at::eq(*a, *b))
RL_BINARY(ne, at::ne(*a, *b))
RL_BINARY(lt, at::lt(*a, *b))
RL_BINARY(le, at::le(*a, *b))
RL_BINARY(gt, at::gt(*a, *b))
RL_BINARY(ge, at::ge(*a, *b))
RL_BINARY(logical_and, at::logical_and(*a, *b))
RL_BINARY(logical_or, at::logical_or(*a, *b))
RL_BINARY(complex, at::complex(*a, *b))

RL_EXPORT TH rl_add(TH a, TH b, double alpha) { return guard_tensor([&] { return at::add(*a, *b, alpha); }); }
RL_EXPORT TH rl_sub(TH a, TH b, double alpha) { return guard_tensor([&] { return at::sub(*a, *b, alpha); }); }

// Tensor-scalar forms. The scalar travels as (d, i, is_int); see rl::scalar.
#define RL_SCALAR(name, expr)                                      \
  RL_EXPORT TH rl_##name(TH a, double d, int64_t i, int is_int) { \
    return guard_tensor([&] { const at::Scalar s = scalar(d, i, is_int); return (expr); }); \
  }

RL_SCALAR(add_scalar, at::add(*a, s))
RL_SCALAR(sub_scalar, at::sub(*a, s))
RL_SCALAR(rsub_scalar, at::rsub(*a, s))
RL_SCALAR(mul_scalar, at::mul(*a, s))
RL_SCALAR(div_scalar, at::div(*a, s))
RL_SCALAR(rdiv_scalar, at::mul(at::reciprocal(*a), s))
RL_SCALAR(pow_scalar, at::pow(*a, s))
RL_SCALAR(rpow_scalar, at::pow(s, *a))
RL_SCALAR(eq_scalar, at::eq(*a, s))
RL_SCALAR(ne_scalar, at::ne(*a, s))
RL_SCALAR(lt_scalar, at::lt(*a, s))
RL_SCALAR(le_scalar, at::le(*a, s))
RL_SCALAR(gt_scalar, at::gt(*a, s))
RL_SCALAR(ge_scalar, at::ge(*a, s))

RL_EXPORT TH rl_leaky_relu(TH a, double slope) { return guard_tensor([&] { return at::leaky_relu(*a, slope); }); }
RL_EXPORT TH rl_softplus(TH a, double beta, double threshold) {
  return guard_tensor([&] { return at::softplus(*a, beta, threshold); });
}
// has_min/has_max select one-sided clamps.
RL_EXPORT TH rl_clamp(TH a, int has_min, double min, int has_max, double max) {
  return guard_tensor([&] {
    return at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                     has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
  });
}
RL_EXPORT TH rl_where(TH cond, TH a, TH b) { return guard_tensor([&] { return at::where(*cond, *a, *b); }); }
RL_EXPORT TH rl_addmm(TH c, TH a, TH b, double beta, double alpha) {
  return guard_tensor([&] { return at::addmm(*c, *a, *b, beta, alpha); });
}
RL_EXPORT TH rl_masked_fill(TH a, TH mask, double value) {
  return guard_tensor([&] { return a->masked_fill(*mask, value); });
}
RL_EXPORT int rl_allclose(TH a, TH b, double rtol, double atol, int* out) {
  return guard_status([&] { *out = at::allclose(*a, *b, rtol, atol) ? 1 : 0; });
}
RL_EXPORT int rl_equal(TH a, TH b, int* out) {
  return guard_status([&] { *out = at::equal(*a, *b) ? 1 : 0; });
}

// ---- in-place updates (what optimizers need) --------------------------------------------------

RL_EXPORT int rl_add_(TH a, TH b, double alpha) { return guard_status([&] { a->add_(*b, alpha); }); }
RL_EXPORT int rl_sub_(TH a, TH b, double alpha) { return guard_status([&] { a->sub_(*b, alpha); }); }
RL_EXPORT int rl_mul_(TH a, TH b) { return guard_status([&] { a->mul_(*b); }); }
RL_EXPORT int rl_div_(TH a, TH b) { return guard_status([&] { a->div_(*b); }); }
RL_EXPORT int rl_add_scalar_(TH a, double d, int64_t i, int is_int) {
  return guard_status([&] { a->add_(scalar(d, i, is_int)); });
}
RL_EXPORT int rl_mul_scalar_(TH a, double d, int64_t i, int is_int) {
  return guard_status([&] { a->mul_(scalar(d, i, is_int)); });
}
RL_EXPORT int rl_div_scalar_(TH a, double d, int64_t i, int is_int) {
  return guard_status([&] { a->div_(scalar(d, i, is_int)); });
}
RL_EXPORT int rl_fill_(TH a, double d, int64_t i, int is_int) {
  return guard_status([&] { a->fill_(scalar(d, i, is_int)); });
}
RL_EXPORT int rl_addcmul_(TH a, TH t1, TH t2, double value) {
  return guard_status([&] { a->addcmul_(*t1, *t2, value); });
}
RL_EXPORT int rl_addcdiv_(TH a, TH t1, TH t2, double value) {
  return guard_status([&] { a->addcdiv_(*t1, *t2, value); });
}
RL_EXPORT int rl_copy_(TH a, TH src) { return guard_status([&] { a->copy_(*src); }); }
RL_EXPORT int rl_zero_(TH a) { return guard_status([&] { a->zero_(); }); }
RL_EXPORT int rl_sqrt_(TH a) { return guard_status([&] { a->sqrt_(); }); }
RL_EXPORT int rl_clamp_(TH a, int has_min, double min, int has_max, double max) {
  return guard_status([&] {
    a->clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
              has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
  });
}
RL_EXPORT int rl_maximum_(TH a, TH b) { return guard_status([&] { at::maximum_out(*a, *a, *b); }); }
RL_EXPORT int rl_fill_diagonal__(TH a, double value, int wrap) {
  return guard_status([&] { a->fill_diagonal_(value, wrap != 0); });
}

// ---- reductions -------------------------------------------------------------------------------

RL_UNARY(sum, at::sum(*a))
RL_UNARY(mean, at::mean(*a))
RL_UNARY(max, at::max(*a))
RL_UNARY(min, at::min(*a))
RL_UNARY(all, at::all(*a))
RL_UNARY(any, at::any(*a))

RL_EXPORT TH rl_sum_dims(TH a, const int64_t* d, int64_t n, int keepdim) {
  return guard_tensor([&] { return at::sum(*a, dims(d, n), keepdim != 0); });
}
RL_EXPORT TH rl_mean_dims(TH a, const int64_t* d, int64_t n, int keepdim) {
  return guard_tensor([&] { return at::mean(*a, dims(d, n), keepdim != 0); });
}
RL_EXPORT TH rl_var_dims(TH a, const int64_t* d, int64_t n, int64_t correction, int keepdim) {
  return guard_tensor([&] {
    return at::var(*a, at::OptionalIntArrayRef(dims(d, n)), c10::optional<int64_t>(correction), keepdim != 0);
  });
}
RL_EXPORT TH rl_std_dims(TH a, const int64_t* d, int64_t n, int64_t correction, int keepdim) {
  return guard_tensor([&] {
    return at::std(*a, at::OptionalIntArrayRef(dims(d, n)), c10::optional<int64_t>(correction), keepdim != 0);
  });
}
// max/min along one dimension return values and indices.
RL_EXPORT int rl_max_dim(TH a, int64_t dim, int keepdim, TH* values, TH* indices) {
  return guard_status([&] {
    auto r = at::max(*a, dim, keepdim != 0);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  });
}
RL_EXPORT int rl_min_dim(TH a, int64_t dim, int keepdim, TH* values, TH* indices) {
  return guard_status([&] {
    auto r = at::min(*a, dim, keepdim != 0);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  });
}
RL_EXPORT TH rl_argmax(TH a, int64_t dim, int keepdim) {
  return guard_tensor([&] { return at::argmax(*a, dim, keepdim != 0); });
}
RL_EXPORT TH rl_argmin(TH a, int64_t dim, int keepdim) {
  return guard_tensor([&] { return at::argmin(*a, dim, keepdim != 0); });
}
// Vector p-norm of all elements (n == 0) or along the given dimensions.
RL_EXPORT TH rl_norm(TH a, double p, const int64_t* d, int64_t n, int keepdim) {
  return guard_tensor([&] {
    return n == 0 ? at::linalg_vector_norm(*a, p)
                  : at::linalg_vector_norm(*a, p, at::OptionalIntArrayRef(dims(d, n)), keepdim != 0);
  });
}
RL_EXPORT TH rl_cumsum(TH a, int64_t dim) { return guard_tensor([&] { return at::cumsum(*a, dim); }); }
RL_EXPORT TH rl_logsumexp(TH a, const int64_t* d, int64_t n, int keepdim) {
  return guard_tensor([&] { return at::logsumexp(*a, dims(d, n), keepdim != 0); });
}
