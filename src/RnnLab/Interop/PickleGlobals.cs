using System.Buffers.Binary;
using System.Text;

namespace RnnLab.Interop;

/// <summary>
/// Lists the globals (module.name) a pickle would look up, by walking its opcodes without running
/// any of them, so a file can be refused before an unpickler sees it. A pickle is a program: every
/// class or function it uses is named by a GLOBAL, INST or STACK_GLOBAL opcode, so knowing them all
/// is knowing what loading it could call. Anything this walk cannot verify (an unknown opcode, an
/// extension-registry code, a STACK_GLOBAL whose names are not plain strings) is refused too.
/// </summary>
public static class PickleGlobals
{
    /// <summary>The globals named in the pickle, in order of appearance; throws <see cref="InvalidDataException"/> when that cannot be told.</summary>
    public static IReadOnlyList<string> In(ReadOnlySpan<byte> pickle)
    {
        var globals = new List<string>();
        var memo = new Dictionary<long, string?>();
        // The values pushed most recently, as far as STACK_GLOBAL needs them: a string, or null for anything else.
        string? last = null, beforeLast = null;
        void Push(string? value)
        {
            beforeLast = last;
            last = value;
        }

        var at = 0;
        while (true)
        {
            if (at >= pickle.Length) throw new InvalidDataException("the pickle ends without a STOP opcode (truncated).");
            var opcode = pickle[at];
            var start = at++;
            switch (opcode)
            {
                case (byte)'.':   // STOP
                    return globals;
                case (byte)'c':   // GLOBAL module\nname\n
                case (byte)'i':   // INST module\nname\n
                {
                    var module = Line(pickle, ref at);
                    var name = Line(pickle, ref at);
                    globals.Add($"{module}.{name}");
                    Push(null);
                    break;
                }
                case 0x93:        // STACK_GLOBAL: module and name are the two strings on top of the stack
                    if (last is null || beforeLast is null)
                        throw new InvalidDataException($"STACK_GLOBAL at byte {start} takes names that are not plain strings; it cannot be checked.");
                    globals.Add($"{beforeLast}.{last}");
                    Push(null);
                    break;
                case 0x82 or 0x83 or 0x84:   // EXT1/2/4: a global from the copyreg extension registry
                    throw new InvalidDataException($"opcode EXT at byte {start} names a global by registry code; it cannot be checked.");

                // Strings, which STACK_GLOBAL may use.
                case 0x8c: Push(Utf8(pickle, ref at, Length(pickle, ref at, 1))); break;   // SHORT_BINUNICODE
                case (byte)'X': Push(Utf8(pickle, ref at, Length(pickle, ref at, 4))); break;   // BINUNICODE
                case 0x8d: Push(Utf8(pickle, ref at, Length(pickle, ref at, 8))); break;   // BINUNICODE8

                // Memo: remember what the last push was, so a later GET of it is a string again.
                case (byte)'q': memo[Take(pickle, ref at, 1)[0]] = last; break;   // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4))] = last; break;   // LONG_BINPUT
                case (byte)'p': memo[Index(Line(pickle, ref at), start)] = last; break;   // PUT
                case 0x94: memo[memo.Count] = last; break;   // MEMOIZE
                case (byte)'h': Push(memo.GetValueOrDefault(Take(pickle, ref at, 1)[0])); break;   // BINGET
                case (byte)'j': Push(memo.GetValueOrDefault(BinaryPrimitives.ReadUInt32LittleEndian(Take(pickle, ref at, 4)))); break;   // LONG_BINGET
                case (byte)'g': Push(memo.GetValueOrDefault(Index(Line(pickle, ref at), start))); break;   // GET

                // Framing and protocol: no value.
                case 0x80: Take(pickle, ref at, 1); break;   // PROTO
                case 0x95: Take(pickle, ref at, 8); break;   // FRAME

                // Opcodes with a fixed-size argument that push a value.
                case (byte)'K': Take(pickle, ref at, 1); Push(null); break;   // BININT1
                case (byte)'M': Take(pickle, ref at, 2); Push(null); break;   // BININT2
                case (byte)'J': Take(pickle, ref at, 4); Push(null); break;   // BININT
                case (byte)'G': Take(pickle, ref at, 8); Push(null); break;   // BINFLOAT

                // Opcodes with a length-prefixed argument.
                case 0x8a: Take(pickle, ref at, Length(pickle, ref at, 1)); Push(null); break;   // LONG1
                case 0x8b: Take(pickle, ref at, Length(pickle, ref at, 4)); Push(null); break;   // LONG4
                case (byte)'U': Take(pickle, ref at, Length(pickle, ref at, 1)); Push(null); break;   // SHORT_BINSTRING
                case (byte)'T': Take(pickle, ref at, Length(pickle, ref at, 4)); Push(null); break;   // BINSTRING
                case (byte)'C': Take(pickle, ref at, Length(pickle, ref at, 1)); Push(null); break;   // SHORT_BINBYTES
                case (byte)'B': Take(pickle, ref at, Length(pickle, ref at, 4)); Push(null); break;   // BINBYTES
                case 0x8e: Take(pickle, ref at, Length(pickle, ref at, 8)); Push(null); break;   // BINBYTES8
                case 0x96: Take(pickle, ref at, Length(pickle, ref at, 8)); Push(null); break;   // BYTEARRAY8

                // Opcodes with a newline-terminated argument (protocol 0).
                case (byte)'I' or (byte)'L' or (byte)'F' or (byte)'S' or (byte)'V' or (byte)'P':
                    Line(pickle, ref at);
                    Push(null);
                    break;

                // Opcodes without an argument.
                case (byte)'(' or (byte)')' or (byte)']' or (byte)'}' or (byte)'N' or 0x88 or 0x89 or (byte)'0' or (byte)'1' or (byte)'2'
                    or (byte)'a' or (byte)'e' or (byte)'s' or (byte)'u' or (byte)'b' or (byte)'R' or (byte)'t' or 0x85 or 0x86 or 0x87
                    or (byte)'l' or (byte)'d' or (byte)'o' or 0x81 or 0x92 or 0x8f or 0x90 or 0x91 or (byte)'Q' or 0x97 or 0x98:
                    Push(null);
                    break;

                default:
                    throw new InvalidDataException($"unknown pickle opcode 0x{opcode:x2} at byte {start}.");
            }
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> pickle, ref int at, long count)
    {
        if (count < 0 || count > pickle.Length - at) throw new InvalidDataException($"the pickle is truncated at byte {at}.");
        var taken = pickle.Slice(at, (int)count);
        at += (int)count;
        return taken;
    }

    private static long Length(ReadOnlySpan<byte> pickle, ref int at, int size)
    {
        var bytes = Take(pickle, ref at, size);
        return size switch
        {
            1 => bytes[0],
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(bytes), long.MaxValue),
        };
    }

    private static string Utf8(ReadOnlySpan<byte> pickle, ref int at, long count) => Encoding.UTF8.GetString(Take(pickle, ref at, count));

    private static string Line(ReadOnlySpan<byte> pickle, ref int at)
    {
        var end = pickle[at..].IndexOf((byte)'\n');
        if (end < 0) throw new InvalidDataException($"the pickle is truncated at byte {at}.");
        var line = Encoding.UTF8.GetString(pickle.Slice(at, end));
        at += end + 1;
        return line;
    }

    private static long Index(string text, int at) =>
        long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new InvalidDataException($"memo index '{text}' at byte {at} is not a number.");
}
