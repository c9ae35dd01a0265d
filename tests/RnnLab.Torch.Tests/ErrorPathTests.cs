namespace RnnLab.Torch.Tests;

public class ErrorPathTests
{
    [Fact]
    public void ShapeMismatch_ThrowsTorchException_NamingOpAndShapes_AndNextOpWorks()
    {
        using var scope = NewDisposeScope();
        var a = ones(2, 3);
        var b = ones(4, 5);
        var e = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Equal("matmul", e.Operation);
        Assert.StartsWith("matmul failed on float32[2, 3] and float32[4, 5]: ", e.Message);
        Assert.Contains("cannot be multiplied", e.Message);

        var c = a.matmul(ones(3, 2));
        Assert.Equal(new long[] { 2, 2 }, c.shape);
        Assert.Equal(12, c.sum().item<double>());
    }

    [Fact]
    public void ManyFailures_LeaveTheProcessUsable_AndLeakNothing()
    {
        using var scope = NewDisposeScope();
        var a = ones(2, 3);
        var before = NativeHandleCount;
        for (var i = 0; i < 1000; i++) Assert.Throws<TorchException>(() => a + ones(4));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(6, (a * 1).sum().item<double>());
        Assert.True(NativeHandleCount <= before + 2000 + 1); // the ones(4) live until the scope ends
    }

    [Fact]
    public void LinalgFailure_NamesTheOperation()
    {
        using var scope = NewDisposeScope();
        var singular = zeros([2, 2], float64);
        var e = Assert.Throws<TorchException>(() => linalg.inv(singular));
        Assert.StartsWith("linalg.inv failed on float64[2, 2]: ", e.Message);
    }

    [Fact]
    public void DisposedTensor_ThrowsObjectDisposed()
    {
        var t = ones(2);
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        t.Dispose(); // idempotent
    }

    [Fact]
    public void BadArguments_AreRejectedWithMessages()
    {
        Assert.Equal("Unknown device 'tpu'; allowed: cpu, cuda, cuda:<index>. (Parameter 'description')",
            Assert.Throws<ArgumentException>(() => device("tpu")).Message);
        Assert.Equal(new Device(DeviceType.CUDA, 1), device("cuda:1"));
        using var a = ones(2, 2);
        Assert.Throws<ArgumentException>(() => linalg.qr(a, "economy"));
        Assert.Throws<ArgumentException>(() => linalg.matrix_norm(a, "spectral"));
    }
}
