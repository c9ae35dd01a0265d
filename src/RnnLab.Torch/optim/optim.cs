namespace RnnLab.Torch;

public static partial class torch
{
    /// <summary>Optimizers, written in managed code over in-place tensor ops as TorchSharp's are.</summary>
    public static partial class optim
    {
        /// <summary>
        /// Adam with PyTorch's update rule (L2 weight decay added to the gradient, optional AMSGrad).
        /// </summary>
        public static Modules.Adam Adam(IEnumerable<nn.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>Stochastic gradient descent with optional momentum, dampening, Nesterov and weight decay.</summary>
        public static Modules.SGD SGD(IEnumerable<nn.Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);
    }
}
