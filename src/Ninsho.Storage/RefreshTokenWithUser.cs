namespace Ninsho.Storage;

/// <summary>A stored refresh token read in one statement with the user it was issued to (null when that user no
/// longer exists).</summary>
public sealed record RefreshTokenWithUser(StoredRefreshToken Token, StoredUser? User);
