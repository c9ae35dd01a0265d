// Views, reshapes, joins and index-based selection.
#include "common.h"

using namespace rl;

RL_EXPORT TH rl_reshape(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->reshape(dims(s, n)); }); }
RL_EXPORT TH rl_view(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->view(dims(s, n)); }); }
RL_EXPORT TH rl_expand(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->expand(dims(s, n)); }); }
RL_EXPORT TH rl_repeat(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->repeat(dims(s, n)); }); }
RL_EXPORT TH rl_permute(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->permute(dims(s, n)); }); }
RL_EXPORT TH rl_flip(TH a, const int64_t* s, int64_t n) { return guard_tensor([&] { return a->flip(dims(s, n)); }); }
RL_EXPORT TH rl_t(TH a) { return guard_tensor([&] { return a->t(); }); }
RL_EXPORT TH rl_transpose(TH a, int64_t d0, int64_t d1) { return guard_tensor([&] { return a->transpose(d0, d1); }); }
RL_EXPORT TH rl_unsqueeze(TH a, int64_t d) { return guard_tensor([&] { return a->unsqueeze(d); }); }
RL_EXPORT TH rl_squeeze(TH a) { return guard_tensor([&] { return a->squeeze(); }); }
RL_EXPORT TH rl_squeeze_dim(TH a, int64_t d) { return guard_tensor([&] { return a->squeeze(d); }); }
RL_EXPORT TH rl_flatten(TH a, int64_t start, int64_t end) { return guard_tensor([&] { return a->flatten(start, end); }); }
RL_EXPORT TH rl_narrow(TH a, int64_t dim, int64_t start, int64_t length) {
  return guard_tensor([&] { return a->narrow(dim, start, length); });
}
RL_EXPORT TH rl_select(TH a, int64_t dim, int64_t index) { return guard_tensor([&] { return a->select(dim, index); }); }
// Python-style slice a[start:end:step] along dim; end may exceed the size (it is clamped).
RL_EXPORT TH rl_slice(TH a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  return guard_tensor([&] { return a->slice(dim, start, end, step); });
}
RL_EXPORT TH rl_index_select(TH a, int64_t dim, TH index) {
  return guard_tensor([&] { return a->index_select(dim, *index); });
}
RL_EXPORT TH rl_gather(TH a, int64_t dim, TH index) { return guard_tensor([&] { return a->gather(dim, *index); }); }
RL_EXPORT TH rl_masked_select(TH a, TH mask) { return guard_tensor([&] { return a->masked_select(*mask); }); }
RL_EXPORT TH rl_cat(TH* hs, int64_t n, int64_t dim) { return guard_tensor([&] { return at::cat(tensors(hs, n), dim); }); }
RL_EXPORT TH rl_stack(TH* hs, int64_t n, int64_t dim) { return guard_tensor([&] { return at::stack(tensors(hs, n), dim); }); }

// Splits into pieces of the given sizes along dim; `out` receives one handle per size.
RL_EXPORT int rl_split_with_sizes(TH a, const int64_t* sizes, int64_t n, int64_t dim, TH* out) {
  return guard_status([&] {
    auto parts = a->split_with_sizes(dims(sizes, n), dim);
    for (size_t k = 0; k < parts.size(); ++k) out[k] = wrap(parts[k]);
  });
}

RL_EXPORT TH rl_diag(TH a, int64_t k) { return guard_tensor([&] { return at::diag(*a, k); }); }
RL_EXPORT TH rl_diagonal(TH a, int64_t offset, int64_t d1, int64_t d2) {
  return guard_tensor([&] { return at::diagonal(*a, offset, d1, d2); });
}
RL_EXPORT TH rl_diag_embed(TH a, int64_t offset, int64_t d1, int64_t d2) {
  return guard_tensor([&] { return at::diag_embed(*a, offset, d1, d2); });
}
RL_EXPORT TH rl_tril(TH a, int64_t k) { return guard_tensor([&] { return at::tril(*a, k); }); }
RL_EXPORT TH rl_triu(TH a, int64_t k) { return guard_tensor([&] { return at::triu(*a, k); }); }
