using RnnLab.Torch.Interop;
using static RnnLab.Torch.Interop.NativeMethods;

namespace RnnLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private Tensor Unary(Func<IntPtr, IntPtr> f, string op) => NativeError.Wrap(f(Handle), op, this);
        private Tensor Binary(Func<IntPtr, IntPtr, IntPtr> f, Tensor other, string op) => NativeError.Wrap(f(Handle, other.Handle), op, this, other);
        private Tensor WithScalar(Func<IntPtr, double, long, int, IntPtr> f, Scalar s, string op) =>
            NativeError.Wrap(f(Handle, s.Double, s.Long, s.IntFlag), op + "(" + s + ")", this);

        // ---- arithmetic (broadcasting and type promotion follow libtorch)

        /// <summary>this + alpha * other.</summary>
        public Tensor add(Tensor other, double alpha = 1) => NativeError.Wrap(rl_add(Handle, other.Handle, alpha), "add", this, other);
        /// <summary>this + s.</summary>
        public Tensor add(Scalar s) => WithScalar(rl_add_scalar, s, "add");
        /// <summary>this - alpha * other.</summary>
        public Tensor sub(Tensor other, double alpha = 1) => NativeError.Wrap(rl_sub(Handle, other.Handle, alpha), "sub", this, other);
        /// <summary>this - s.</summary>
        public Tensor sub(Scalar s) => WithScalar(rl_sub_scalar, s, "sub");
        /// <summary>Element-wise product.</summary>
        public Tensor mul(Tensor other) => Binary(rl_mul, other, "mul");
        /// <summary>this * s.</summary>
        public Tensor mul(Scalar s) => WithScalar(rl_mul_scalar, s, "mul");
        /// <summary>Element-wise true division.</summary>
        public Tensor div(Tensor other) => Binary(rl_div, other, "div");
        /// <summary>this / s.</summary>
        public Tensor div(Scalar s) => WithScalar(rl_div_scalar, s, "div");
        /// <summary>Element-wise power.</summary>
        public Tensor pow(Tensor exponent) => Binary(rl_pow, exponent, "pow");
        /// <summary>this ^ s.</summary>
        public Tensor pow(Scalar exponent) => WithScalar(rl_pow_scalar, exponent, "pow");
        /// <summary>-this.</summary>
        public Tensor neg() => Unary(rl_neg, "neg");
        /// <summary>Element-wise maximum of two tensors.</summary>
        public Tensor maximum(Tensor other) => Binary(rl_maximum, other, "maximum");
        /// <summary>Element-wise minimum of two tensors.</summary>
        public Tensor minimum(Tensor other) => Binary(rl_minimum, other, "minimum");

        /// <summary>Sum.</summary>
        public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
        /// <summary>Sum with a scalar.</summary>
        public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
        /// <summary>Sum with a scalar.</summary>
        public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
        /// <summary>Difference.</summary>
        public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
        /// <summary>Difference with a scalar.</summary>
        public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
        /// <summary>Scalar minus tensor.</summary>
        public static Tensor operator -(Scalar a, Tensor b) => b.WithScalar(rl_rsub_scalar, a, "rsub");
        /// <summary>Element-wise product.</summary>
        public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
        /// <summary>Product with a scalar.</summary>
        public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
        /// <summary>Product with a scalar.</summary>
        public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
        /// <summary>Element-wise quotient.</summary>
        public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
        /// <summary>Quotient by a scalar.</summary>
        public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
        /// <summary>Scalar divided by tensor.</summary>
        public static Tensor operator /(Scalar a, Tensor b) => b.WithScalar(rl_rdiv_scalar, a, "rdiv");
        /// <summary>Negation.</summary>
        public static Tensor operator -(Tensor a) => a.neg();

        // ---- comparisons (bool results)

        /// <summary>this == other, element-wise.</summary>
        public Tensor eq(Tensor other) => Binary(rl_eq, other, "eq");
        /// <summary>this == s, element-wise.</summary>
        public Tensor eq(Scalar s) => WithScalar(rl_eq_scalar, s, "eq");
        /// <summary>this != other, element-wise.</summary>
        public Tensor ne(Tensor other) => Binary(rl_ne, other, "ne");
        /// <summary>this != s, element-wise.</summary>
        public Tensor ne(Scalar s) => WithScalar(rl_ne_scalar, s, "ne");
        /// <summary>this &lt; other, element-wise.</summary>
        public Tensor lt(Tensor other) => Binary(rl_lt, other, "lt");
        /// <summary>this &lt; s, element-wise.</summary>
        public Tensor lt(Scalar s) => WithScalar(rl_lt_scalar, s, "lt");
        /// <summary>this &lt;= other, element-wise.</summary>
        public Tensor le(Tensor other) => Binary(rl_le, other, "le");
        /// <summary>this &lt;= s, element-wise.</summary>
        public Tensor le(Scalar s) => WithScalar(rl_le_scalar, s, "le");
        /// <summary>this &gt; other, element-wise.</summary>
        public Tensor gt(Tensor other) => Binary(rl_gt, other, "gt");
        /// <summary>this &gt; s, element-wise.</summary>
        public Tensor gt(Scalar s) => WithScalar(rl_gt_scalar, s, "gt");
        /// <summary>this &gt;= other, element-wise.</summary>
        public Tensor ge(Tensor other) => Binary(rl_ge, other, "ge");
        /// <summary>this &gt;= s, element-wise.</summary>
        public Tensor ge(Scalar s) => WithScalar(rl_ge_scalar, s, "ge");
        /// <summary>Element-wise less-than.</summary>
        public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
        /// <summary>Element-wise greater-than.</summary>
        public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
        /// <summary>Element-wise less-or-equal.</summary>
        public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
        /// <summary>Element-wise greater-or-equal.</summary>
        public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
        /// <summary>Element-wise less-than a scalar.</summary>
        public static Tensor operator <(Tensor a, Scalar b) => a.lt(b);
        /// <summary>Element-wise greater-than a scalar.</summary>
        public static Tensor operator >(Tensor a, Scalar b) => a.gt(b);
        /// <summary>Element-wise less-or-equal a scalar.</summary>
        public static Tensor operator <=(Tensor a, Scalar b) => a.le(b);
        /// <summary>Element-wise greater-or-equal a scalar.</summary>
        public static Tensor operator >=(Tensor a, Scalar b) => a.ge(b);
        /// <summary>Logical and of two bool tensors.</summary>
        public static Tensor operator &(Tensor a, Tensor b) => a.Binary(rl_logical_and, b, "logical_and");
        /// <summary>Logical or of two bool tensors.</summary>
        public static Tensor operator |(Tensor a, Tensor b) => a.Binary(rl_logical_or, b, "logical_or");
        /// <summary>Logical not.</summary>
        public Tensor logical_not() => Unary(rl_logical_not, "logical_not");
        /// <summary>Element-wise NaN test.</summary>
        public Tensor isnan() => Unary(rl_isnan, "isnan");
        /// <summary>Element-wise finiteness test.</summary>
        public Tensor isfinite() => Unary(rl_isfinite, "isfinite");

        // ---- element-wise functions and activations

        /// <summary>max(x, 0).</summary>
        public Tensor relu() => Unary(rl_relu, "relu");
        /// <summary>x for x &gt;= 0, negative_slope * x below.</summary>
        public Tensor leaky_relu(double negative_slope = 0.01) =>
            NativeError.Wrap(rl_leaky_relu(Handle, negative_slope), "leaky_relu", this);
        /// <summary>Hyperbolic tangent.</summary>
        public Tensor tanh() => Unary(rl_tanh, "tanh");
        /// <summary>Logistic sigmoid.</summary>
        public Tensor sigmoid() => Unary(rl_sigmoid, "sigmoid");
        /// <summary>log(1 + exp(beta x)) / beta, linear above threshold.</summary>
        public Tensor softplus(double beta = 1, double threshold = 20) =>
            NativeError.Wrap(rl_softplus(Handle, beta, threshold), "softplus", this);
        /// <summary>Exponential.</summary>
        public Tensor exp() => Unary(rl_exp, "exp");
        /// <summary>Natural logarithm.</summary>
        public Tensor log() => Unary(rl_log, "log");
        /// <summary>Square root.</summary>
        public Tensor sqrt() => Unary(rl_sqrt, "sqrt");
        /// <summary>Absolute value (modulus for complex tensors).</summary>
        public Tensor abs() => Unary(rl_abs, "abs");
        /// <summary>Sign (-1, 0, 1).</summary>
        public Tensor sign() => Unary(rl_sign, "sign");
        /// <summary>x * x.</summary>
        public Tensor square() => Unary(rl_square, "square");
        /// <summary>Sine.</summary>
        public Tensor sin() => Unary(rl_sin, "sin");
        /// <summary>Cosine.</summary>
        public Tensor cos() => Unary(rl_cos, "cos");
        /// <summary>1 / x.</summary>
        public Tensor reciprocal() => Unary(rl_reciprocal, "reciprocal");
        /// <summary>Clamps into [min, max]; either bound may be left open.</summary>
        public Tensor clamp(double? min = null, double? max = null) =>
            NativeError.Wrap(rl_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0), "clamp", this);
        /// <summary>condition ? this : other, element-wise.</summary>
        public Tensor where(Tensor condition, Tensor other) => torch.where(condition, this, other);
        /// <summary>Copies this with value wherever mask is true.</summary>
        public Tensor masked_fill(Tensor mask, double value) =>
            NativeError.Wrap(rl_masked_fill(Handle, mask.Handle, value), "masked_fill", this, mask);

        // ---- complex parts

        /// <summary>Real part (a view for complex tensors).</summary>
        public Tensor real => Unary(rl_real, "real");
        /// <summary>Imaginary part (complex tensors only).</summary>
        public Tensor imag => Unary(rl_imag, "imag");
        /// <summary>Argument of each element.</summary>
        public Tensor angle() => Unary(rl_angle, "angle");
        /// <summary>Complex conjugate.</summary>
        public Tensor conj() => Unary(rl_conj, "conj");

        // ---- matrix products

        /// <summary>Matrix product with numpy-style batching and broadcasting.</summary>
        public Tensor matmul(Tensor other) => Binary(rl_matmul, other, "matmul");
        /// <summary>Product of two matrices.</summary>
        public Tensor mm(Tensor other) => Binary(rl_mm, other, "mm");
        /// <summary>Batched product of [b, n, m] and [b, m, p].</summary>
        public Tensor bmm(Tensor other) => Binary(rl_bmm, other, "bmm");
        /// <summary>beta * this + alpha * (m1 @ m2).</summary>
        public Tensor addmm(Tensor m1, Tensor m2, double beta = 1, double alpha = 1) =>
            NativeError.Wrap(rl_addmm(Handle, m1.Handle, m2.Handle, beta, alpha), "addmm", this, m1, m2);

        // ---- in place (optimizers); each returns this

        /// <summary>this += alpha * other.</summary>
        public Tensor add_(Tensor other, double alpha = 1) { NativeError.Check(rl_add_(Handle, other.Handle, alpha), "add_", this, other); return this; }
        /// <summary>this += s.</summary>
        public Tensor add_(Scalar s) { NativeError.Check(rl_add_scalar_(Handle, s.Double, s.Long, s.IntFlag), "add_", this); return this; }
        /// <summary>this -= alpha * other.</summary>
        public Tensor sub_(Tensor other, double alpha = 1) { NativeError.Check(rl_sub_(Handle, other.Handle, alpha), "sub_", this, other); return this; }
        /// <summary>this *= other.</summary>
        public Tensor mul_(Tensor other) { NativeError.Check(rl_mul_(Handle, other.Handle), "mul_", this, other); return this; }
        /// <summary>this *= s.</summary>
        public Tensor mul_(Scalar s) { NativeError.Check(rl_mul_scalar_(Handle, s.Double, s.Long, s.IntFlag), "mul_", this); return this; }
        /// <summary>this /= other.</summary>
        public Tensor div_(Tensor other) { NativeError.Check(rl_div_(Handle, other.Handle), "div_", this, other); return this; }
        /// <summary>this /= s.</summary>
        public Tensor div_(Scalar s) { NativeError.Check(rl_div_scalar_(Handle, s.Double, s.Long, s.IntFlag), "div_", this); return this; }
        /// <summary>this += value * t1 * t2.</summary>
        public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { NativeError.Check(rl_addcmul_(Handle, t1.Handle, t2.Handle, value), "addcmul_", this, t1, t2); return this; }
        /// <summary>this += value * t1 / t2.</summary>
        public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { NativeError.Check(rl_addcdiv_(Handle, t1.Handle, t2.Handle, value), "addcdiv_", this, t1, t2); return this; }
        /// <summary>Copies src (broadcast to this shape) into this.</summary>
        public Tensor copy_(Tensor src) { NativeError.Check(rl_copy_(Handle, src.Handle), "copy_", this, src); return this; }
        /// <summary>Sets every element to zero.</summary>
        public Tensor zero_() { NativeError.Check(rl_zero_(Handle), "zero_", this); return this; }
        /// <summary>Sets every element to value.</summary>
        public Tensor fill_(Scalar value) { NativeError.Check(rl_fill_(Handle, value.Double, value.Long, value.IntFlag), "fill_", this); return this; }
        /// <summary>Square root in place.</summary>
        public Tensor sqrt_() { NativeError.Check(rl_sqrt_(Handle), "sqrt_", this); return this; }
        /// <summary>Clamps in place.</summary>
        public Tensor clamp_(double? min = null, double? max = null)
        {
            NativeError.Check(rl_clamp_(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0), "clamp_", this);
            return this;
        }
        /// <summary>this = maximum(this, other) in place.</summary>
        public Tensor maximum_(Tensor other) { NativeError.Check(rl_maximum_(Handle, other.Handle), "maximum_", this, other); return this; }
        /// <summary>Sets the main diagonal (of a matrix, or of every dimension alike) to value.</summary>
        public Tensor fill_diagonal_(double value, bool wrap = false) { NativeError.Check(rl_fill_diagonal__(Handle, value, wrap ? 1 : 0), "fill_diagonal_", this); return this; }
    }

    /// <summary>condition ? x : y, element-wise with broadcasting.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        NativeError.Wrap(rl_where(condition.Handle, x.Handle, y.Handle), "where", condition, x, y);

    /// <summary>A complex tensor from real and imaginary parts.</summary>
    public static Tensor complex(Tensor real, Tensor imag) => NativeError.Wrap(rl_complex(real.Handle, imag.Handle), "complex", real, imag);
}
