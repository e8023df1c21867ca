using System.Security.Cryptography;
using System.Text;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>Entries, keys and a small in-memory partner log built from the domain's own functions.</summary>
internal static class ExchangeBuilders
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string ToHex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    public static IReadOnlyList<byte[]> LeafHashes(int count, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            return MerkleTree.HashLeaf(data);
        })];
    }
}
