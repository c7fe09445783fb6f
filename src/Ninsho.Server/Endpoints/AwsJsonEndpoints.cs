namespace Ninsho.Server.Endpoints;

/// <summary>The AWS JSON 1.1 surface: <c>POST /</c> for both cognito-idp and cognito-identity.</summary>
internal static class AwsJsonEndpoints
{
    /// <summary>Answers <c>POST /</c> ahead of routing, which the host must add after this (<c>UseRouting</c>).
    /// Nearly every request is one of these, and they need none of routing's work: not the matcher that routing
    /// builds on its first request (about a fifth of the time to the first answer) nor the match on every request.</summary>
    public static void UseAwsJsonApi(this WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<AwsJsonDispatcher>();
        app.Use((http, next) =>
            HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Value == "/"
                ? dispatcher.HandleAsync(http)
                : next(http));
    }
}
