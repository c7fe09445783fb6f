namespace Ninsho.Testing;

/// <summary>A confirmed user and the tokens of its sign-in, from <see cref="NinshoTestServer.CreateUserAsync"/>.</summary>
/// <param name="Username">The user's username as stored (a UUID when the pool signs in by email).</param>
/// <param name="UserSub">The user's <c>sub</c>.</param>
/// <param name="Password">The permanent password (the one given, or the one made up).</param>
/// <param name="AccessToken">The access token.</param>
/// <param name="IdToken">The ID token.</param>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="ExpiresIn">Seconds the access token is valid.</param>
public sealed record NinshoTestUser(
    string Username,
    string UserSub,
    string Password,
    string AccessToken,
    string IdToken,
    string RefreshToken,
    int ExpiresIn);
