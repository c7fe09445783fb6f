namespace Ninsho.Core.Security;

/// <summary>What the operator's key commands and routes do (docs/operations.md#key-rotation).</summary>
public interface IKeyRotation
{
    /// <summary>New ID and access signing keys for the pool, published at once and signing from
    /// <see cref="SigningKeyRotation.ActiveAt"/>; the pool's older keys stay published and accepted until
    /// <see cref="SigningKeyRotation.RetireAt"/> (<paramref name="grace"/> after the activation). Null for an unknown pool.</summary>
    Task<SigningKeyRotation?> RotateSigningKeysAsync(string userPoolId, TimeSpan grace, CancellationToken ct);

    /// <summary>Deletes the pool's superseded keys now. Null for an unknown pool.</summary>
    Task<KeyRetirement?> RetireSigningKeysAsync(string userPoolId, CancellationToken ct);

    /// <summary>The pool's stored keys, oldest first; null for an unknown pool.</summary>
    Task<IReadOnlyList<SigningKeyState>?> ListSigningKeysAsync(string userPoolId, CancellationToken ct);

    /// <summary>A new generation of each cluster sealing key, sealing from the returned time on.</summary>
    Task<SealingKeyRotation> RotateSealingKeysAsync(CancellationToken ct);

    /// <summary>Seals every stored sealed value (app-client secrets, SAML signing keys) again under the current
    /// generation.</summary>
    Task<ResealReport> ResealAsync(CancellationToken ct);

    /// <summary>Reseals (as <see cref="ResealAsync"/>), then deletes the generations older than the current one.</summary>
    Task<KeyRetirement> RetireSealingKeysAsync(CancellationToken ct);
}
