using System.Buffers.Text;
using System.Security.Cryptography;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>A personal link's secret: 32 random bytes, base64url in the address, kept only as the SHA-256 of the bytes.</summary>
public static class LinkTokens
{
    public const int ByteLength = 32;

    /// <summary>43 characters: base64url of 32 bytes without padding.</summary>
    public const int TextLength = 43;

    public static (string Token, string Hash) New()
    {
        var bytes = RandomNumberGenerator.GetBytes(ByteLength);
        return (Base64Url.EncodeToString(bytes), HashOf(bytes));
    }

    /// <summary>The hash of a token as typed in an address; null for anything that is not one (so nothing is looked up).</summary>
    public static string? HashOf(string? token)
    {
        if (token is not { Length: TextLength } || !Base64Url.IsValid(token))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        return bytes.Length == ByteLength ? HashOf(bytes) : null;
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
