using System.Runtime.InteropServices;

namespace RnnLab.Torch.Interop;

/// <summary>
/// The C entry points of librnnlab_torch.so (see Native/). Handles are opaque pointers to heap
/// at::Tensor / at::Generator objects owned by the managed wrapper that received them. Functions that
/// return a handle return zero on failure; functions that return int return -1 on failure. The reason
/// is in <see cref="rl_last_error"/>, read by <see cref="NativeError"/>.
/// </summary>
internal static unsafe class NativeMethods
{
    internal const string Library = "rnnlab_torch";

    static NativeMethods() => NativeLibraryResolver.Register();

    /// <summary>Forces the static constructor (and so the resolver registration) to run.</summary>
    internal static void EnsureLoaded() { }

    // ---- errors, lifetime, build information
    [DllImport(Library)] internal static extern IntPtr rl_last_error();
    [DllImport(Library)] internal static extern void rl_tensor_free(IntPtr t);
    [DllImport(Library)] internal static extern long rl_live_handles();
    [DllImport(Library)] internal static extern IntPtr rl_torch_version();
    [DllImport(Library)] internal static extern IntPtr rl_build_config();
    [DllImport(Library)] internal static extern IntPtr rl_parallel_info();
    [DllImport(Library)] internal static extern int rl_set_num_threads(int n);
    [DllImport(Library)] internal static extern int rl_blas_set_num_threads(int n);
    [DllImport(Library)] internal static extern int rl_blas_get_num_threads();
    [DllImport(Library)] internal static extern int rl_get_num_threads();
    [DllImport(Library)] internal static extern int rl_set_num_interop_threads(int n);
    [DllImport(Library)] internal static extern int rl_get_num_interop_threads();
    [DllImport(Library)] internal static extern int rl_cuda_is_available();
    [DllImport(Library)] internal static extern long rl_cuda_device_count();

    // ---- properties
    [DllImport(Library)] internal static extern long rl_dim(IntPtr t);
    [DllImport(Library)] internal static extern long rl_numel(IntPtr t);
    [DllImport(Library)] internal static extern void rl_shape(IntPtr t, long* shape);
    [DllImport(Library)] internal static extern void rl_strides(IntPtr t, long* strides);
    [DllImport(Library)] internal static extern int rl_dtype(IntPtr t);
    [DllImport(Library)] internal static extern int rl_device_type(IntPtr t);
    [DllImport(Library)] internal static extern int rl_device_index(IntPtr t);
    [DllImport(Library)] internal static extern int rl_is_contiguous(IntPtr t);
    [DllImport(Library)] internal static extern int rl_requires_grad(IntPtr t);
    [DllImport(Library)] internal static extern int rl_is_leaf(IntPtr t);
    [DllImport(Library)] internal static extern int rl_set_requires_grad(IntPtr t, int on);
    [DllImport(Library)] internal static extern IntPtr rl_storage_id(IntPtr t);

    // ---- factories and data
    [DllImport(Library)] internal static extern IntPtr rl_empty(long* shape, long ndim, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_zeros(long* shape, long ndim, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_ones(long* shape, long ndim, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_full(long* shape, long ndim, double d, long i, int isInt, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_eye(long n, long m, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_arange(double start, double end, double step, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_linspace(double start, double end, long steps, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_zeros_like(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr rl_ones_like(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr rl_from_data(void* data, long* shape, long ndim, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern int rl_copy_data(IntPtr t, void* dst, long nbytes);
    [DllImport(Library)] internal static extern int rl_item_double(IntPtr t, double* value);
    [DllImport(Library)] internal static extern int rl_item_long(IntPtr t, long* value);
    [DllImport(Library)] internal static extern IntPtr rl_to_dtype(IntPtr t, int dtype);
    [DllImport(Library)] internal static extern IntPtr rl_to_device(IntPtr t, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_clone(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr rl_detach(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr rl_contiguous(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr rl_alias(IntPtr t);

    // ---- element-wise, activations, products
    [DllImport(Library)] internal static extern IntPtr rl_neg(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_relu(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_tanh(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_sigmoid(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_exp(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_log(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_sqrt(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_abs(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_sign(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_square(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_sin(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_cos(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_reciprocal(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_isnan(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_isfinite(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_logical_not(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_real(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_imag(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_angle(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_conj(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_mul(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_div(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_pow(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_maximum(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_minimum(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_matmul(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_mm(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_bmm(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_eq(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_ne(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_lt(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_le(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_gt(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_ge(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_logical_and(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_logical_or(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_complex(IntPtr re, IntPtr im);
    [DllImport(Library)] internal static extern IntPtr rl_add(IntPtr a, IntPtr b, double alpha);
    [DllImport(Library)] internal static extern IntPtr rl_sub(IntPtr a, IntPtr b, double alpha);
    [DllImport(Library)] internal static extern IntPtr rl_add_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_sub_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_rsub_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_mul_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_div_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_rdiv_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_pow_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_rpow_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_eq_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_ne_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_lt_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_le_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_gt_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_ge_scalar(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern IntPtr rl_leaky_relu(IntPtr a, double slope);
    [DllImport(Library)] internal static extern IntPtr rl_softplus(IntPtr a, double beta, double threshold);
    [DllImport(Library)] internal static extern IntPtr rl_clamp(IntPtr a, int hasMin, double min, int hasMax, double max);
    [DllImport(Library)] internal static extern IntPtr rl_where(IntPtr cond, IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_addmm(IntPtr c, IntPtr a, IntPtr b, double beta, double alpha);
    [DllImport(Library)] internal static extern IntPtr rl_masked_fill(IntPtr a, IntPtr mask, double value);
    [DllImport(Library)] internal static extern int rl_allclose(IntPtr a, IntPtr b, double rtol, double atol, int* result);
    [DllImport(Library)] internal static extern int rl_equal(IntPtr a, IntPtr b, int* result);

    // ---- in place
    [DllImport(Library)] internal static extern int rl_add_(IntPtr a, IntPtr b, double alpha);
    [DllImport(Library)] internal static extern int rl_sub_(IntPtr a, IntPtr b, double alpha);
    [DllImport(Library)] internal static extern int rl_mul_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern int rl_div_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern int rl_add_scalar_(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern int rl_mul_scalar_(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern int rl_div_scalar_(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern int rl_fill_(IntPtr a, double d, long i, int isInt);
    [DllImport(Library)] internal static extern int rl_addcmul_(IntPtr a, IntPtr t1, IntPtr t2, double value);
    [DllImport(Library)] internal static extern int rl_addcdiv_(IntPtr a, IntPtr t1, IntPtr t2, double value);
    [DllImport(Library)] internal static extern int rl_copy_(IntPtr a, IntPtr src);
    [DllImport(Library)] internal static extern int rl_zero_(IntPtr a);
    [DllImport(Library)] internal static extern int rl_sqrt_(IntPtr a);
    [DllImport(Library)] internal static extern int rl_clamp_(IntPtr a, int hasMin, double min, int hasMax, double max);
    [DllImport(Library)] internal static extern int rl_maximum_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern int rl_fill_diagonal__(IntPtr a, double value, int wrap);

    // ---- reductions
    [DllImport(Library)] internal static extern IntPtr rl_sum(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_mean(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_max(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_min(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_all(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_any(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_sum_dims(IntPtr a, long* dims, long n, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_mean_dims(IntPtr a, long* dims, long n, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_var_dims(IntPtr a, long* dims, long n, long correction, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_std_dims(IntPtr a, long* dims, long n, long correction, int keepdim);
    [DllImport(Library)] internal static extern int rl_max_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [DllImport(Library)] internal static extern int rl_min_dim(IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [DllImport(Library)] internal static extern IntPtr rl_argmax(IntPtr a, long dim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_argmin(IntPtr a, long dim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_norm(IntPtr a, double p, long* dims, long n, int keepdim);
    [DllImport(Library)] internal static extern IntPtr rl_cumsum(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr rl_logsumexp(IntPtr a, long* dims, long n, int keepdim);

    // ---- shape and indexing
    [DllImport(Library)] internal static extern IntPtr rl_reshape(IntPtr a, long* shape, long n);
    [DllImport(Library)] internal static extern IntPtr rl_view(IntPtr a, long* shape, long n);
    [DllImport(Library)] internal static extern IntPtr rl_expand(IntPtr a, long* shape, long n);
    [DllImport(Library)] internal static extern IntPtr rl_repeat(IntPtr a, long* repeats, long n);
    [DllImport(Library)] internal static extern IntPtr rl_permute(IntPtr a, long* dims, long n);
    [DllImport(Library)] internal static extern IntPtr rl_flip(IntPtr a, long* dims, long n);
    [DllImport(Library)] internal static extern IntPtr rl_t(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_transpose(IntPtr a, long d0, long d1);
    [DllImport(Library)] internal static extern IntPtr rl_unsqueeze(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr rl_squeeze(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_squeeze_dim(IntPtr a, long dim);
    [DllImport(Library)] internal static extern IntPtr rl_flatten(IntPtr a, long start, long end);
    [DllImport(Library)] internal static extern IntPtr rl_narrow(IntPtr a, long dim, long start, long length);
    [DllImport(Library)] internal static extern IntPtr rl_select(IntPtr a, long dim, long index);
    [DllImport(Library)] internal static extern IntPtr rl_slice(IntPtr a, long dim, long start, long end, long step);
    [DllImport(Library)] internal static extern IntPtr rl_index_select(IntPtr a, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr rl_gather(IntPtr a, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr rl_masked_select(IntPtr a, IntPtr mask);
    [DllImport(Library)] internal static extern IntPtr rl_cat(IntPtr* tensors, long n, long dim);
    [DllImport(Library)] internal static extern IntPtr rl_stack(IntPtr* tensors, long n, long dim);
    [DllImport(Library)] internal static extern int rl_split_with_sizes(IntPtr a, long* sizes, long n, long dim, IntPtr* parts);
    [DllImport(Library)] internal static extern IntPtr rl_diag(IntPtr a, long k);
    [DllImport(Library)] internal static extern IntPtr rl_diagonal(IntPtr a, long offset, long d1, long d2);
    [DllImport(Library)] internal static extern IntPtr rl_diag_embed(IntPtr a, long offset, long d1, long d2);
    [DllImport(Library)] internal static extern IntPtr rl_tril(IntPtr a, long k);
    [DllImport(Library)] internal static extern IntPtr rl_triu(IntPtr a, long k);

    // ---- linear algebra
    [DllImport(Library)] internal static extern int rl_linalg_eig(IntPtr a, IntPtr* values, IntPtr* vectors);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_eigvals(IntPtr a);
    [DllImport(Library)] internal static extern int rl_linalg_eigh(IntPtr a, int upper, IntPtr* values, IntPtr* vectors);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_eigvalsh(IntPtr a, int upper);
    [DllImport(Library)] internal static extern int rl_linalg_svd(IntPtr a, int fullMatrices, IntPtr* u, IntPtr* s, IntPtr* vh);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_svdvals(IntPtr a);
    [DllImport(Library)] internal static extern int rl_linalg_qr(IntPtr a, int mode, IntPtr* q, IntPtr* r);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_solve(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_inv(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_det(IntPtr a);
    [DllImport(Library)] internal static extern int rl_linalg_slogdet(IntPtr a, IntPtr* sign, IntPtr* logabsdet);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_cholesky(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_matrix_exp(IntPtr a);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_matrix_norm_str(IntPtr a, byte* ord);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_matrix_norm(IntPtr a, double ord);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_pinv(IntPtr a, int hasRtol, double rtol, int hermitian);
    [DllImport(Library)] internal static extern IntPtr rl_linalg_matrix_rank(IntPtr a, int hermitian);

    // ---- autograd
    [DllImport(Library)] internal static extern int rl_grad(IntPtr t, IntPtr* grad);
    [DllImport(Library)] internal static extern int rl_set_grad(IntPtr t, IntPtr grad);
    [DllImport(Library)] internal static extern int rl_backward(IntPtr t, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Library)] internal static extern int rl_autograd_grad(IntPtr* outputs, long nOut, IntPtr* inputs, long nIn, IntPtr* gradOutputs,
        int retainGraph, int createGraph, int allowUnused, IntPtr* grads);
    [DllImport(Library)] internal static extern int rl_is_grad_enabled();
    [DllImport(Library)] internal static extern void rl_set_grad_enabled(int on);
    [DllImport(Library)] internal static extern int rl_set_data(IntPtr t, IntPtr data);

    // ---- fused kernels
    [DllImport(Library)] internal static extern IntPtr rl_rate_rnn_loop(IntPtr w, IntPtr drive, IntPtr r0, double alpha, int activation, double slope);
    [DllImport(Library)] internal static extern int rl_rate_rnn_descent(IntPtr x, IntPtr w, IntPtr c, IntPtr m, IntPtr v, IntPtr d, IntPtr q, double tau, int activation, double slope, double lr, long step, double beta1, double beta2, double eps, double* summary);

    // ---- random
    [DllImport(Library)] internal static extern IntPtr rl_generator_new(ulong seed, int dev, int idx);
    [DllImport(Library)] internal static extern void rl_generator_free(IntPtr g);
    [DllImport(Library)] internal static extern int rl_generator_manual_seed(IntPtr g, ulong seed);
    [DllImport(Library)] internal static extern ulong rl_generator_initial_seed(IntPtr g);
    [DllImport(Library)] internal static extern IntPtr rl_generator_get_state(IntPtr g);
    [DllImport(Library)] internal static extern int rl_generator_set_state(IntPtr g, IntPtr state);
    [DllImport(Library)] internal static extern IntPtr rl_rand(long* shape, long ndim, IntPtr g, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_randn(long* shape, long ndim, IntPtr g, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_randint(long low, long high, long* shape, long ndim, IntPtr g, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_randperm(long n, IntPtr g, int dtype, int dev, int idx);
    [DllImport(Library)] internal static extern IntPtr rl_bernoulli(IntPtr p, IntPtr g);
    [DllImport(Library)] internal static extern int rl_normal_(IntPtr t, double mean, double std, IntPtr g);
    [DllImport(Library)] internal static extern int rl_uniform_(IntPtr t, double from, double to, IntPtr g);
}
