using System.IO.Compression;
using RnnLab.Interop;

namespace RnnLab.Tests.Interop;

public sealed class PickleGlobalsTests
{
    private static byte[] DataPkl(string file)
    {
        using var archive = ZipFile.OpenRead(Fixtures.Path(file));
        using var stream = archive.Entries.Single(e => e.Name == "data.pkl").Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData("state_dict.pt")]             // protocol 2: GLOBAL opcodes
    [InlineData("state_dict_protocol4.pt")]   // protocol 4: STACK_GLOBAL on memoized strings
    public void AStateDictSavedByPyTorch_NamesOnlyTheDictTheRebuildFunctionAndTheStorage(string file)
    {
        var globals = PickleGlobals.In(DataPkl(file));
        Assert.Equal(["collections.OrderedDict", "torch.FloatStorage", "torch._utils._rebuild_tensor_v2"], globals.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AWholeModel_NamesItsClass()
    {
        var globals = PickleGlobals.In(DataPkl("whole_model.pt"));
        Assert.Contains("__main__.Net", globals);
        Assert.Contains("torch._utils._rebuild_parameter", globals);
    }

    // Python's pickle.dumps of an object whose __reduce__ is (os.system, ("echo",)), protocols 0, 2 and 4,
    // and the same call by the INST opcode.
    public static readonly TheoryData<byte[]> SystemCalls = new()
    {
        Bytes("cposix\nsystem\np0\n(Vecho\np1\ntp2\nRp3\n."),
        Bytes("\u0080\u0002cposix\nsystem\nq\u0000X\u0004\u0000\u0000\u0000echoq\u0001\u0085q\u0002Rq\u0003."),
        Bytes("\u0080\u0004\u0095\u001f\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u008c\u0005posix\u0094\u008c\u0006system\u0094\u0093\u0094\u008c\u0004echo\u0094\u0085\u0094R\u0094."),
        Bytes("(S'echo'\niposix\nsystem\n."),
    };

    [Theory]
    [MemberData(nameof(SystemCalls))]
    public void AFunctionCall_IsNamed_InEveryProtocol(byte[] pickle) =>
        Assert.Contains("posix.system", PickleGlobals.In(pickle));

    [Fact]
    public void AStackGlobalWhoseNamesAreNotPlainStrings_CannotBeChecked()
    {
        // Two integers and STACK_GLOBAL: what it would look up depends on more than this walk knows.
        var e = Assert.Throws<InvalidDataException>(() => PickleGlobals.In(Bytes("\u0080\u0004K\u0001K\u0002\u0093.")));
        Assert.Contains("STACK_GLOBAL", e.Message);
        // A string popped off again does not count as on top of the stack.
        Assert.Throws<InvalidDataException>(() => PickleGlobals.In(Bytes("\u0080\u0004\u008c\u0005posix\u008c\u0006system\u008c\u0001x0\u0093.")));
    }

    [Theory]
    [InlineData("\u0080\u0002\u0082\u0001.", "EXT")]                // a global by extension-registry code
    [InlineData("\u0080\u0002\u00ff.", "unknown pickle opcode 0xff")]
    [InlineData("\u0080\u0002X\u00ff\u0000\u0000\u0000ab", "truncated")]   // a string longer than the file
    [InlineData("\u0080\u0002}q\u0000", "without a STOP")]
    [InlineData("\u0080\u0002cposix\nsys", "truncated")]
    public void WhatCannotBeWalked_IsRefused(string pickle, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => PickleGlobals.In(Bytes(pickle)));
        Assert.Contains(reason, e.Message);
    }

    private static byte[] Bytes(string latin1) => System.Text.Encoding.Latin1.GetBytes(latin1);
}
