using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Tokens;

/// <summary>Access tokens whose signature, use and issuer have been checked on this node, by a 128-bit prefix of
/// the SHA-256 of the token (a tampered token hashes elsewhere). Holds only facts that never change: expiry is
/// checked again on every use, and revocation and the user's state are the caller's, read from storage on every
/// request. Bounded: cleared when full.</summary>
internal sealed class VerifiedAccessTokens
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();

    public Entry? Find(string token) => _entries.GetValueOrDefault(Key(token));

    public void Add(string token, Entry entry)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[Key(token)] = entry;
    }

    /// <summary>Tokens are ASCII (checked before any token is accepted) and at most 16 KB.</summary>
    private static UInt128 Key(string token)
    {
        Span<byte> bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : new byte[token.Length];
        var written = Encoding.ASCII.GetBytes(token, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        _ = SHA256.HashData(bytes[..written], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    /// <summary>What was checked: the issuer and signing key it was accepted with, and its claims.</summary>
    public sealed record Entry(string Issuer, string KeyId, AccessTokenClaims Claims);
}
