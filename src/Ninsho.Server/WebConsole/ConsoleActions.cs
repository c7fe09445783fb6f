using System.Text.Json.Nodes;

namespace Ninsho.Server.WebConsole;

/// <summary>The user page's actions, each one Cognito admin operation run through <see cref="ConsoleCognito"/>
/// with the form's values as the request members (an empty field is left out, so the model's checks and the
/// handler's defaults apply as they do to an API call).</summary>
internal sealed class ConsoleActions(ConsoleCognito cognito)
{
    /// <summary>AdminCreateUser: username, optional email and phone number, optional temporary password, and
    /// <c>SUPPRESS</c> to send no invitation.</summary>
    public Task<ConsoleAnswer> CreateUserAsync(string poolId, IFormCollection form, CancellationToken ct)
    {
        var body = ConsoleViews.Named(poolId, form["username"].ToString());
        var attributes = new JsonArray();
        foreach (var name in new[] { "email", "phone_number" })
        {
            if (form[name].ToString() is { Length: > 0 } value)
            {
                attributes.Add((JsonNode)new JsonObject { ["Name"] = name, ["Value"] = value });
            }
        }

        if (attributes.Count > 0)
        {
            body["UserAttributes"] = attributes;
        }

        Optional(body, "TemporaryPassword", form["temporaryPassword"]);
        Optional(body, "MessageAction", form["messageAction"]);
        if (form["messageAction"].ToString() != "SUPPRESS" && form["email"].ToString().Length > 0)
        {
            body["DesiredDeliveryMediums"] = new JsonArray("EMAIL");
        }

        return cognito.IdpAsync("AdminCreateUser", body, ct);
    }

    /// <summary>Runs the named action on the user; the answer and the notice its redirect shows.</summary>
    public async Task<(ConsoleAnswer Answer, string Done)> RunAsync(string poolId, string username, string action, IFormCollection form, CancellationToken ct)
    {
        var body = ConsoleViews.Named(poolId, username);
        switch (action)
        {
            case "password":
                body["Password"] = form["password"].ToString();
                body["Permanent"] = form["permanent"].ToString() is "on" or "true";
                return (await cognito.IdpAsync("AdminSetUserPassword", body, ct), "password");
            case "confirm":
                return (await cognito.IdpAsync("AdminConfirmSignUp", body, ct), "confirmed");
            case "enable":
                return (await cognito.IdpAsync("AdminEnableUser", body, ct), "enabled");
            case "disable":
                return (await cognito.IdpAsync("AdminDisableUser", body, ct), "disabled");
            case "signout":
                return (await cognito.IdpAsync("AdminUserGlobalSignOut", body, ct), "signedout");
            case "addgroup":
                body["GroupName"] = form["group"].ToString();
                return (await cognito.IdpAsync("AdminAddUserToGroup", body, ct), "grouped");
            case "removegroup":
                body["GroupName"] = form["group"].ToString();
                return (await cognito.IdpAsync("AdminRemoveUserFromGroup", body, ct), "ungrouped");
            case "delete":
                return (await cognito.IdpAsync("AdminDeleteUser", body, ct), "deleted");
            default:
                return (new ConsoleAnswer(null, "UnknownAction", $"The console has no action '{action}'."), "");
        }
    }

    private static void Optional(JsonObject body, string member, Microsoft.Extensions.Primitives.StringValues value)
    {
        if (value.ToString() is { Length: > 0 } text)
        {
            body[member] = text;
        }
    }
}
