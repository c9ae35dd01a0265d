// Reverse-mode autograd: gradients, backward, grad mode.
#include "common.h"

#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/generated/variable_factories.h>

using namespace rl;

// Returns 1 and a new handle in *out when t.grad is defined, 0 when it is not, -1 on failure.
RL_EXPORT int rl_grad(TH t, TH* out) {
  return guard<int>(-1, [&] {
    const auto& g = t->grad();
    if (!g.defined()) return 0;
    *out = wrap(g);
    return 1;
  });
}
// Sets (or with g == nullptr clears) t.grad.
RL_EXPORT int rl_set_grad(TH t, TH g) {
  return guard_status([&] { t->mutable_grad() = g ? *g : at::Tensor(); });
}
RL_EXPORT TH rl_requires_grad_(TH t, int on) {
  return guard_tensor([&] { return t->requires_grad_(on != 0); });
}

// gradient may be null for a scalar output; retain_graph < 0 means "as create_graph".
RL_EXPORT int rl_backward(TH t, TH gradient, int retain_graph, int create_graph) {
  return guard_status([&] {
    c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
    t->backward(gradient ? *gradient : at::Tensor(), retain, create_graph != 0);
  });
}

// torch.autograd.grad. grad_outputs may be null (all implicit ones) or hold null entries.
// out receives one handle per input; an unused input (allow_unused) gets a null handle.
RL_EXPORT int rl_autograd_grad(TH* outputs, int64_t n_out, TH* inputs, int64_t n_in, TH* grad_outputs,
                               int retain_graph, int create_graph, int allow_unused, TH* out) {
  return guard_status([&] {
    auto outs = tensors(outputs, n_out);
    auto ins = tensors(inputs, n_in);
    std::vector<at::Tensor> gouts = grad_outputs ? tensors(grad_outputs, n_out) : std::vector<at::Tensor>{};
    c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
    auto grads = torch::autograd::grad(outs, ins, gouts, retain, create_graph != 0, allow_unused != 0);
    for (size_t k = 0; k < grads.size(); ++k) out[k] = grads[k].defined() ? wrap(grads[k]) : nullptr;
  });
}

RL_EXPORT int rl_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
RL_EXPORT void rl_set_grad_enabled(int on) { at::GradMode::set_enabled(on != 0); }

// Replaces t's data in place, keeping its identity (how Module.to converts parameters).
RL_EXPORT int rl_set_data(TH t, TH data) { return guard_status([&] { t->set_data(*data); }); }
