namespace Ninsho.Server.Endpoints;

/// <summary>The AWS JSON 1.1 surface: <c>POST /</c> for both cognito-idp and cognito-identity.</summary>
internal static class AwsJsonEndpoints
{
    public static void MapAwsJsonApi(this WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<AwsJsonDispatcher>();
        app.MapPost("/", dispatcher.HandleAsync);
    }
}
