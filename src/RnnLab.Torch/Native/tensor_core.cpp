// Tensor properties, factories, data exchange with managed arrays, dtype and device conversion.
#include "common.h"

#include <cstring>
#include <torch/cuda.h>

using namespace rl;

// ---- properties -------------------------------------------------------------------------------

RL_EXPORT int64_t rl_dim(TH t) { return t->dim(); }
RL_EXPORT int64_t rl_numel(TH t) { return t->numel(); }
RL_EXPORT void rl_shape(TH t, int64_t* out) {
  for (int64_t k = 0; k < t->dim(); ++k) out[k] = t->size(k);
}
RL_EXPORT void rl_strides(TH t, int64_t* out) {
  for (int64_t k = 0; k < t->dim(); ++k) out[k] = t->stride(k);
}
RL_EXPORT int rl_dtype(TH t) { return static_cast<int>(t->scalar_type()); }
RL_EXPORT int rl_device_type(TH t) { return static_cast<int>(t->device().type()); }
RL_EXPORT int rl_device_index(TH t) { return t->device().index(); }
RL_EXPORT int rl_is_contiguous(TH t) { return t->is_contiguous() ? 1 : 0; }
RL_EXPORT int rl_requires_grad(TH t) { return t->requires_grad() ? 1 : 0; }
RL_EXPORT int rl_is_leaf(TH t) { return t->is_leaf() ? 1 : 0; }
RL_EXPORT int rl_set_requires_grad(TH t, int on) { return guard_status([&] { t->set_requires_grad(on != 0); }); }
// Identity of the underlying storage, so callers can tell a view from a copy.
RL_EXPORT const void* rl_storage_id(TH t) { return t->storage().unsafeGetStorageImpl(); }

// ---- factories --------------------------------------------------------------------------------

RL_EXPORT TH rl_empty(const int64_t* shape, int64_t ndim, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::empty(dims(shape, ndim), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_zeros(const int64_t* shape, int64_t ndim, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::zeros(dims(shape, ndim), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_ones(const int64_t* shape, int64_t ndim, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::ones(dims(shape, ndim), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_full(const int64_t* shape, int64_t ndim, double d, int64_t i, int is_int, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::full(dims(shape, ndim), scalar(d, i, is_int), options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_eye(int64_t n, int64_t m, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::eye(n, m, options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_arange(double start, double end, double step, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::arange(start, end, step, options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_linspace(double start, double end, int64_t steps, int dtype, int dev, int idx) {
  return guard_tensor([&] { return at::linspace(start, end, steps, options(dtype, dev, idx)); });
}
RL_EXPORT TH rl_zeros_like(TH t) { return guard_tensor([&] { return at::zeros_like(*t); }); }
RL_EXPORT TH rl_ones_like(TH t) { return guard_tensor([&] { return at::ones_like(*t); }); }

// ---- data exchange ----------------------------------------------------------------------------

// Copies `ndim`-shaped host data of the given dtype into a new tensor on the given device.
RL_EXPORT TH rl_from_data(const void* data, const int64_t* shape, int64_t ndim, int dtype, int dev, int idx) {
  return guard_tensor([&] {
    auto host = at::from_blob(const_cast<void*>(data), dims(shape, ndim),
                              at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
    auto target = at::Device(static_cast<at::DeviceType>(dev), static_cast<at::DeviceIndex>(idx));
    return target.is_cpu() ? host.clone() : host.to(target);
  });
}

// Copies the tensor's elements (row-major, whatever its strides or device) into `dst`.
RL_EXPORT int rl_copy_data(TH t, void* dst, int64_t nbytes) {
  return guard_status([&] {
    auto host = t->detach().to(at::kCPU).contiguous();
    const int64_t need = host.numel() * static_cast<int64_t>(host.element_size());
    TORCH_CHECK(nbytes == need, "destination holds ", nbytes, " bytes but the tensor has ", need);
    if (need > 0) std::memcpy(dst, host.data_ptr(), static_cast<size_t>(need));
  });
}

RL_EXPORT int rl_item_double(TH t, double* out) {
  return guard_status([&] { *out = t->item().toDouble(); });
}
RL_EXPORT int rl_item_long(TH t, int64_t* out) {
  return guard_status([&] { *out = t->item().toLong(); });
}

// ---- conversion -------------------------------------------------------------------------------

RL_EXPORT TH rl_to_dtype(TH t, int dtype) {
  return guard_tensor([&] { return t->to(static_cast<at::ScalarType>(dtype)); });
}
RL_EXPORT TH rl_to_device(TH t, int dev, int idx) {
  return guard_tensor([&] {
    return t->to(at::Device(static_cast<at::DeviceType>(dev), static_cast<at::DeviceIndex>(idx)));
  });
}
RL_EXPORT TH rl_clone(TH t) { return guard_tensor([&] { return t->clone(); }); }
RL_EXPORT TH rl_detach(TH t) { return guard_tensor([&] { return t->detach(); }); }
RL_EXPORT TH rl_contiguous(TH t) { return guard_tensor([&] { return t->contiguous(); }); }
// A second handle to the same tensor (shares storage and autograd identity).
RL_EXPORT TH rl_alias(TH t) { return guard_tensor([&] { return at::Tensor(*t); }); }

// ---- devices ----------------------------------------------------------------------------------

RL_EXPORT int rl_cuda_is_available() { return guard<int>(0, [] { return torch::cuda::is_available() ? 1 : 0; }); }
RL_EXPORT int64_t rl_cuda_device_count() {
  return guard<int64_t>(0, [] { return static_cast<int64_t>(torch::cuda::device_count()); });
}
