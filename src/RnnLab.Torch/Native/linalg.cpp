// LAPACK-backed linear algebra (torch.linalg). Eigen-decompositions of general matrices are complex.
#include "common.h"

using namespace rl;

RL_EXPORT int rl_linalg_eig(TH a, TH* values, TH* vectors) {
  return guard_status([&] {
    auto r = at::linalg_eig(*a);
    *values = wrap(std::get<0>(r));
    *vectors = wrap(std::get<1>(r));
  });
}
RL_EXPORT TH rl_linalg_eigvals(TH a) { return guard_tensor([&] { return at::linalg_eigvals(*a); }); }
RL_EXPORT int rl_linalg_eigh(TH a, int upper, TH* values, TH* vectors) {
  return guard_status([&] {
    auto r = at::linalg_eigh(*a, upper ? "U" : "L");
    *values = wrap(std::get<0>(r));
    *vectors = wrap(std::get<1>(r));
  });
}
RL_EXPORT TH rl_linalg_eigvalsh(TH a, int upper) {
  return guard_tensor([&] { return at::linalg_eigvalsh(*a, upper ? "U" : "L"); });
}
RL_EXPORT int rl_linalg_svd(TH a, int full_matrices, TH* u, TH* s, TH* vh) {
  return guard_status([&] {
    auto r = at::linalg_svd(*a, full_matrices != 0);
    *u = wrap(std::get<0>(r));
    *s = wrap(std::get<1>(r));
    *vh = wrap(std::get<2>(r));
  });
}
RL_EXPORT TH rl_linalg_svdvals(TH a) { return guard_tensor([&] { return at::linalg_svdvals(*a); }); }
// mode: 0 reduced, 1 complete, 2 r (Q is then an empty tensor).
RL_EXPORT int rl_linalg_qr(TH a, int mode, TH* q, TH* r) {
  return guard_status([&] {
    static const char* modes[] = {"reduced", "complete", "r"};
    TORCH_CHECK(mode >= 0 && mode <= 2, "qr mode must be 0 (reduced), 1 (complete) or 2 (r), got ", mode);
    auto res = at::linalg_qr(*a, modes[mode]);
    *q = wrap(std::get<0>(res));
    *r = wrap(std::get<1>(res));
  });
}
RL_EXPORT TH rl_linalg_solve(TH a, TH b) { return guard_tensor([&] { return at::linalg_solve(*a, *b); }); }
RL_EXPORT TH rl_linalg_inv(TH a) { return guard_tensor([&] { return at::linalg_inv(*a); }); }
RL_EXPORT TH rl_linalg_det(TH a) { return guard_tensor([&] { return at::linalg_det(*a); }); }
RL_EXPORT int rl_linalg_slogdet(TH a, TH* sign, TH* logabsdet) {
  return guard_status([&] {
    auto r = at::linalg_slogdet(*a);
    *sign = wrap(std::get<0>(r));
    *logabsdet = wrap(std::get<1>(r));
  });
}
RL_EXPORT TH rl_linalg_cholesky(TH a) { return guard_tensor([&] { return at::linalg_cholesky(*a); }); }
RL_EXPORT TH rl_linalg_matrix_exp(TH a) { return guard_tensor([&] { return at::linalg_matrix_exp(*a); }); }
// Named matrix norms: "fro" or "nuc".
RL_EXPORT TH rl_linalg_matrix_norm_str(TH a, const char* ord) {
  return guard_tensor([&] { return at::linalg_matrix_norm(*a, c10::string_view(ord)); });
}
// Numeric matrix norms: 1, -1, 2, -2, inf, -inf.
RL_EXPORT TH rl_linalg_matrix_norm(TH a, double ord) {
  return guard_tensor([&] { return at::linalg_matrix_norm(*a, at::Scalar(ord)); });
}
RL_EXPORT TH rl_linalg_pinv(TH a, int has_rtol, double rtol, int hermitian) {
  return guard_tensor([&] {
    return at::linalg_pinv(*a, c10::optional<double>(), has_rtol ? c10::optional<double>(rtol) : c10::nullopt,
                           hermitian != 0);
  });
}
RL_EXPORT TH rl_linalg_matrix_rank(TH a, int hermitian) {
  return guard_tensor([&] { return at::linalg_matrix_rank(*a, c10::optional<double>(), c10::optional<double>(), hermitian != 0); });
}
