namespace RnnLab.Torch.Tests;

[Collection(MemoryCollection.Name)]
public class DisposeScopeTests
{
    [Fact]
    public void Scope_DisposesWhatWasCreatedInIt_ExceptMovedOut()
    {
        Tensor kept, dropped;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                dropped = ones(2) + 1;
                kept = (ones(2) * 3).MoveToOuterDisposeScope();
                Assert.Same(outer, kept.OwningScope);
            }
            Assert.True(dropped.IsInvalid);
            Assert.False(kept.IsInvalid);
            Assert.Equal(6, kept.sum().item<double>());
        }
        Assert.True(kept.IsInvalid);
    }

    [Fact]
    public void DetachFromDisposeScope_HandsOwnershipToCaller()
    {
        Tensor t;
        using (NewDisposeScope()) t = ones(3).DetachFromDisposeScope();
        Assert.False(t.IsInvalid);
        Assert.Null(t.OwningScope);
        t.Dispose();
        Assert.True(t.IsInvalid);
    }

    [Fact]
    public void MovingOutOfOutermostScope_DetachesTheTensor()
    {
        Tensor t;
        using (NewDisposeScope()) t = ones(1).MoveToOuterDisposeScope();
        Assert.False(t.IsInvalid);
        t.Dispose();
    }

    [Fact]
    public void Scopes_MustBeDisposedInnermostFirst()
    {
        var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void DisposingEarly_RemovesTheTensorFromItsScope()
    {
        using var scope = NewDisposeScope();
        var t = ones(2);
        Assert.Equal(1, scope.Count);
        t.Dispose();
        Assert.Equal(0, scope.Count);
    }
}
