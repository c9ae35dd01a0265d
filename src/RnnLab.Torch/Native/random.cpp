// Explicit random number generators and the random factories that draw from them.
//
// Library code passes a generator to every draw; a null generator falls back to libtorch's default
// one, as torch does, so interactive use still works.
#include "common.h"

#include <ATen/CPUGeneratorImpl.h>
#include <mutex>

using namespace rl;

// A new generator on the given device, seeded with `seed`. CUDA generators come from the CUDA hooks,
// so the shim itself needs no CUDA headers and works with CPU-only and CUDA builds of libtorch alike.
RL_EXPORT GH rl_generator_new(uint64_t seed, int dev, int idx) {
  return guard<GH>(nullptr, [&] {
    at::Generator g;
    auto device = at::Device(static_cast<at::DeviceType>(dev), static_cast<at::DeviceIndex>(idx));
    if (device.is_cpu()) {
      g = at::detail::createCPUGenerator(seed);
    } else {
      g = at::globalContext().defaultGenerator(device).clone();
      std::lock_guard<std::mutex> lock(g.mutex());
      g.set_current_seed(seed);
    }
    return new at::Generator(std::move(g));
  });
}
RL_EXPORT void rl_generator_free(GH g) { delete g; }
RL_EXPORT int rl_generator_manual_seed(GH g, uint64_t seed) {
  return guard_status([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(seed);
  });
}
RL_EXPORT uint64_t rl_generator_initial_seed(GH g) { return g->current_seed(); }
// The full state as a uint8 tensor (for checkpoints); set_state restores it exactly.
RL_EXPORT TH rl_generator_get_state(GH g) {
  return guard_tensor([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    return g->get_state();
  });
}
RL_EXPORT int rl_generator_set_state(GH g, TH state) {
  return guard_status([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(*state);
  });
}

RL_EXPORT TH rl_rand(const int64_t* shape, int64_t ndim, GH g, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::rand(dims(shape, ndim), generator(g), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_randn(const int64_t* shape, int64_t ndim, GH g, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::randn(dims(shape, ndim), generator(g), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, GH g, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::randint(low, high, dims(shape, ndim), generator(g), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_randperm(int64_t n, GH g, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::randperm(n, generator(g), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_bernoulli(TH p, GH g) { return guard_tensor([&] { return at::bernoulli(*p, generator(g)); }); }
RL_EXPORT int rl_normal_(TH t, double mean, double std, GH g) {
  return guard_status([&] { t->normal_(mean, std, generator(g)); });
}
RL_EXPORT int rl_uniform_(TH t, double from, double to, GH g) {
  return guard_status([&] { t->uniform_(from, to, generator(g)); });
}
