using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Features.UICustomization;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Protocol.Validation;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>The hosted UI's pages beyond sign-in (docs/hosted-ui-and-oauth.md#the-hosted-ui-pages). Sign-up,
/// confirmation and forgotten password call the operations' handlers after the operations' validation, with the
/// SECRET_HASH the client's secret makes; the challenge pages continue the API's sign-in state machine
/// (<see cref="SignInCompletion"/>, <see cref="ChallengeResponder"/>) with a <see cref="SignInFinish"/> that issues
/// the authorization code where the API would mint tokens. What one page hands to the next (the username, the API's
/// challenge session) travels sealed (AES-GCM, purpose <c>hosted-ui-page</c>) in the form, bound to the app client.</summary>
internal sealed class HostedUiPageFlows(
    AuthorizeRules rules, HostedUiCompletion hostedUi, HostedUiSessions sessions, SignInCompletion completion, ChallengeResponder responder, UserDirectory directory,
    UserAuthSignIn userAuth, UserPoolClientService clients, ManagedLoginPageStyle managedLogin, INinshoStorage storage, SealingKeys sealingKeys, UICustomizationService customization, IServiceProvider services)
    : IHostedUiPages
{
    private const string Purpose = "hosted-ui-page";

    /// <summary>How long a sign-up's confirmation page stays usable (guessed; the code itself lasts 24 hours).</summary>
    private static readonly TimeSpan ConfirmationPageLifetime = TimeSpan.FromHours(1);


    public async Task<HostedUiPage> ShowAsync(AuthorizeQuery query, string view, CancellationToken ct)
    {
        var check = await rules.CheckPasswordSignInAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new HostedUiPage { Check = check };
        }

        if (view == HostedUiViews.SignUp && !check.SelfSignUp)
        {
            return new HostedUiPage { Check = AuthorizeCheck.Page(CognitoErrors.SignUpNotPermitted().Message) };
        }

        return view switch
        {
            HostedUiViews.SignUp => SignUpForm(check, grant, error: null, values: null),
            HostedUiViews.ForgotPassword => new HostedUiPage { Check = check, View = view },

            // The other pages exist only as the answer to the step before them.
            _ => new HostedUiPage { Check = check, Redirect = "login" },
        };
    }

    public async Task<HostedUiBranding?> BrandingAsync(AuthorizeQuery query, CancellationToken ct)
    {
        var check = await rules.CheckAsync(query, ct);
        if (check.Grant is { } managed && await ManagedLoginAsync(managed, query.Domain, ct))
        {
            // A managed login domain shows the client's branding style, not the classic customization.
            return await managedLogin.BrandingAsync(managed.Pool.Id, managed.Client.ClientId!, ct);
        }

        if (check.Grant is not { } grant
            || await ClientScope.FindEffectiveAsync(storage, grant.Pool.Id, UICustomizationService.Kind, grant.Client.ClientId!, ct) is not { } row)
        {
            return null;
        }

        var view = customization.View(row);
        return new HostedUiBranding(view.CSS, view.ImageUrl);
    }

    /// <summary>Whether the pages are the managed login of a version-2 domain: the domain of the URL, else the pool's
    /// prefix domain.</summary>
    private async Task<bool> ManagedLoginAsync(AuthorizeGrant grant, string? domain, CancellationToken ct)
    {
        var served = domain is not null
            ? await storage.Domains.FindAsync(domain, ct)
            : (await storage.Domains.ListForPoolAsync(grant.Pool.Id, ct)).FirstOrDefault(d => !d.IsCustom);
        return served?.ManagedLoginVersion == 2;
    }

    public async Task<HostedUiPage> SubmitAsync(AuthorizeQuery query, string view, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var check = await rules.CheckPasswordSignInAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new HostedUiPage { Check = check };
        }

        if (view == HostedUiViews.SignUp && !check.SelfSignUp)
        {
            return new HostedUiPage { Check = AuthorizeCheck.Page(CognitoErrors.SignUpNotPermitted().Message) };
        }

        // "Resend code" posts the confirmation page's state.
        var state = view is HostedUiViews.SignUp or HostedUiViews.ForgotPassword
            ? null
            : await OpenAsync(form.GetValueOrDefault("session"), grant, view == HostedUiViews.ResendCode ? HostedUiViews.Confirm : view);
        if (state is null && view is not (HostedUiViews.SignUp or HostedUiViews.ForgotPassword))
        {
            // A state that is missing, forged, expired or of another client or page: start again.
            return new HostedUiPage { Check = check, Redirect = "login" };
        }

        return view switch
        {
            HostedUiViews.SignUp => await SignUpAsync(check, grant, form, ct),
            HostedUiViews.Confirm => await ConfirmAsync(check, grant, state!, form, ct),
            HostedUiViews.ResendCode => await ResendCodeAsync(check, grant, state!, form, ct),
            HostedUiViews.ForgotPassword => await ForgotPasswordAsync(check, grant, form, ct),
            HostedUiViews.ConfirmForgotPassword => await ConfirmForgotPasswordAsync(check, grant, state!, form, ct),
            _ => await RespondAsync(check, grant, view, state!, form, ct),
        };
    }

    /// <summary>After the password of the login page: the pool's next step for <paramref name="user"/> (a new
    /// password, MFA), or the callback with the code.</summary>
    public async Task<HostedUiPage> ContinueAsync(AuthorizeCheck check, AuthorizeGrant grant, StoredUser user, CancellationToken ct)
    {
        var (signIn, finish) = SignIn(grant);
        try
        {
            return await NextAsync(check, grant, signIn, finish, user.Username, await completion.ContinueAsync(signIn, user, ct), ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return new HostedUiPage { Check = check, Redirect = "login", Error = e.Message };
        }
    }

    /// <summary>Guessed wording: the login page's message when the user has no passkey (or does not exist: the two are
    /// not told apart) or the client offers none.</summary>
    public const string NoPasskey = "No passkey is registered for this user. Sign in with your password.";

    /// <summary>"Sign in with passkey": choice-based sign-in (USER_AUTH) with WEB_AUTHN preferred, as the API runs it;
    /// the passkey page with the challenge's options, or the login page with a message.</summary>
    public async Task<HostedUiPage> StartPasskeyAsync(AuthorizeCheck check, AuthorizeGrant grant, string username, CancellationToken ct)
    {
        var (signIn, finish) = SignIn(grant);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USERNAME"] = username,
            ["PREFERRED_CHALLENGE"] = ChallengeNameType.WEB_AUTHN,
        };
        if (SecretHashRules.For(grant.Client, username) is { } hash)
        {
            parameters["SECRET_HASH"] = hash;
        }

        try
        {
            var outcome = await userAuth.InitiateAsync(signIn, parameters, ct);
            return outcome.ChallengeName == ChallengeNameType.WEB_AUTHN
                ? await NextAsync(check, grant, signIn, finish, username, outcome, ct)
                : new HostedUiPage { Check = check, Error = NoPasskey };
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            // An unknown user reads as one without a passkey, whatever the client's PreventUserExistenceErrors.
            return new HostedUiPage { Check = check, Error = e.Type is "UserNotFoundException" or "NotAuthorizedException" ? NoPasskey : e.Message };
        }
    }

    private static HostedUiPage SignUpForm(AuthorizeCheck check, AuthorizeGrant grant, string? error, IReadOnlyDictionary<string, string>? values) => new()
    {
        Check = check,
        View = HostedUiViews.SignUp,
        Error = error,
        Fields = SignUpAttributes(grant.Pool),
        Values = values ?? new Dictionary<string, string>(StringComparer.Ordinal),
    };

    /// <summary>The pool's required attributes the sign-up form asks for, besides the username (which is the email or
    /// phone number in a pool that signs in with those).</summary>
    private static List<string> SignUpAttributes(UserPoolSettings pool) =>
        [.. pool.Schema.Where(s => s.Required == true && s.Name is not null and not "sub" && !pool.UsernameAttributes.Contains(s.Name)).Select(s => s.Name!)];

    private async Task<HostedUiPage> SignUpAsync(AuthorizeCheck check, AuthorizeGrant grant, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var username = form.GetValueOrDefault("username") ?? "";
        var typed = Typed(form, "username");
        var attributes = SignUpAttributes(grant.Pool)
            .Select(name => new AttributeType { Name = name, Value = form.GetValueOrDefault(HostedUiViews.AttributeField(name)) ?? "" })
            .Where(a => a.Value!.Length > 0)
            .ToList();
        SignUpResponse response;
        try
        {
            response = await CallAsync<SignUpRequest, SignUpResponse>(new SignUpRequest
            {
                ClientId = grant.Client.ClientId!,
                Username = username,
                Password = form.GetValueOrDefault("password") ?? "",
                SecretHash = SecretHashRules.For(grant.Client, username),
                UserAttributes = attributes,
            }, IdentityProviderValidator.Validate, "SignUp", ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return SignUpForm(check, grant, e.Message, typed);
        }

        var user = await directory.FindAsync(grant.Pool, response.UserSub ?? username, ct) ?? await directory.FindAsync(grant.Pool, username, ct);
        if (response.UserConfirmed == true && user is not null)
        {
            // PreSignUp confirmed the user: the sign-up is the sign-in.
            return await ContinueAsync(check, grant, user, ct);
        }

        return new HostedUiPage
        {
            Check = check,
            View = HostedUiViews.Confirm,
            State = await SealAsync(grant, HostedUiViews.Confirm, user?.Username ?? username, session: null, challenge: null, ConfirmationPageLifetime),
            Values = Delivery(response.CodeDeliveryDetails, username),
        };
    }

    private async Task<HostedUiPage> ConfirmAsync(
        AuthorizeCheck check, AuthorizeGrant grant, Dictionary<string, string> state, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var username = state["u"];
        try
        {
            _ = await CallAsync<ConfirmSignUpRequest, ConfirmSignUpResponse>(new ConfirmSignUpRequest
            {
                ClientId = grant.Client.ClientId!,
                Username = username,
                ConfirmationCode = form.GetValueOrDefault("code") ?? "",
                SecretHash = SecretHashRules.For(grant.Client, username),
            }, IdentityProviderValidator.Validate, "ConfirmSignUp", ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return new HostedUiPage { Check = check, View = HostedUiViews.Confirm, Error = e.Message, State = form["session"], Values = Values(("username", username)) };
        }

        // The confirmation signs the new user in (the sealed state proves this browser signed up with the password).
        var user = await directory.FindAsync(grant.Pool, username, ct);
        return user is null ? new HostedUiPage { Check = check, Redirect = "login" } : await ContinueAsync(check, grant, user, ct);
    }

    /// <summary>"Resend code" on the confirmation page: ResendConfirmationCode for the user who signed up, then the
    /// confirmation page again, naming where the new code went.</summary>
    private async Task<HostedUiPage> ResendCodeAsync(
        AuthorizeCheck check, AuthorizeGrant grant, Dictionary<string, string> state, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var username = state["u"];
        var page = new HostedUiPage { Check = check, View = HostedUiViews.Confirm, State = form["session"], Values = Values(("username", username)) };
        try
        {
            var response = await CallAsync<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>(new ResendConfirmationCodeRequest
            {
                ClientId = grant.Client.ClientId!,
                Username = username,
                SecretHash = SecretHashRules.For(grant.Client, username),
            }, IdentityProviderValidator.Validate, "ResendConfirmationCode", ct);
            return page with { Values = Delivery(response.CodeDeliveryDetails, username) };
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return page with { Error = e.Message };
        }
    }

    /// <summary>The emailed verification link (<c>/confirmUser?client_id=…&amp;user_name=…&amp;confirmation_code=…</c>,
    /// docs/hosted-ui-and-oauth.md#the-verification-link): ConfirmSignUp for that client; null when the user is
    /// confirmed, else the message to show.</summary>
    public async Task<string?> ConfirmLinkAsync(AuthorizeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stored = query.Field("client_id") is { } clientId ? await storage.Clients.FindAsync(clientId, ct) : null;
        if (stored is null || (query.Domain is not null && (await storage.Domains.FindAsync(query.Domain, ct))?.UserPoolId != stored.UserPoolId))
        {
            return "Invalid or missing client_id.";
        }

        var client = await clients.DescribeAsync(stored);
        var username = query.Field("user_name") ?? "";
        try
        {
            _ = await CallAsync<ConfirmSignUpRequest, ConfirmSignUpResponse>(new ConfirmSignUpRequest
            {
                ClientId = client.ClientId!,
                Username = username,
                ConfirmationCode = query.Field("confirmation_code") ?? "",
                SecretHash = SecretHashRules.For(client, username),
            }, IdentityProviderValidator.Validate, "ConfirmSignUp", ct);
            return null;
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return e.Message;
        }
    }

    private async Task<HostedUiPage> ForgotPasswordAsync(
        AuthorizeCheck check, AuthorizeGrant grant, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var username = form.GetValueOrDefault("username") ?? "";
        ForgotPasswordResponse response;
        try
        {
            response = await CallAsync<ForgotPasswordRequest, ForgotPasswordResponse>(new ForgotPasswordRequest
            {
                ClientId = grant.Client.ClientId!,
                Username = username,
                SecretHash = SecretHashRules.For(grant.Client, username),
            }, IdentityProviderValidator.Validate, "ForgotPassword", ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return new HostedUiPage { Check = check, View = HostedUiViews.ForgotPassword, Error = e.Message, Values = Typed(form, "username") };
        }

        return new HostedUiPage
        {
            Check = check,
            View = HostedUiViews.ConfirmForgotPassword,
            State = await SealAsync(grant, HostedUiViews.ConfirmForgotPassword, username, session: null, challenge: null, ConfirmationPageLifetime),
            Values = Delivery(response.CodeDeliveryDetails, username),
        };
    }

    private async Task<HostedUiPage> ConfirmForgotPasswordAsync(
        AuthorizeCheck check, AuthorizeGrant grant, Dictionary<string, string> state, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var username = state["u"];
        var again = new HostedUiPage { Check = check, View = HostedUiViews.ConfirmForgotPassword, State = form["session"], Values = Values(("username", username)) };
        var password = form.GetValueOrDefault("password") ?? "";
        if (password != form.GetValueOrDefault("confirmPassword"))
        {
            return again with { Error = PasswordsDiffer };
        }

        try
        {
            _ = await CallAsync<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>(new ConfirmForgotPasswordRequest
            {
                ClientId = grant.Client.ClientId!,
                Username = username,
                ConfirmationCode = form.GetValueOrDefault("code") ?? "",
                Password = password,
                SecretHash = SecretHashRules.For(grant.Client, username),
            }, IdentityProviderValidator.Validate, "ConfirmForgotPassword", ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return again with { Error = e.Message };
        }

        // Cognito returns the user to the sign-in page; there is no automatic sign-in after a reset.
        return new HostedUiPage { Check = check, Redirect = "login" };
    }

    /// <summary>Guessed wording: the hosted UI checks the two password fields before anything is sent.</summary>
    private const string PasswordsDiffer = "Passwords do not match.";

    /// <summary>The answer to a challenge page: new password, MFA code, MFA choice, TOTP setup.</summary>
    private async Task<HostedUiPage> RespondAsync(
        AuthorizeCheck check, AuthorizeGrant grant, string view, Dictionary<string, string> state, IReadOnlyDictionary<string, string> form,
        CancellationToken ct)
    {
        var (signIn, finish) = SignIn(grant);
        var (username, challenge, session) = (state["u"], state["n"], state["s"]);
        var responses = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = username };
        if (SecretHashRules.For(grant.Client, username) is { } hash)
        {
            responses["SECRET_HASH"] = hash;
        }

        var again = new HostedUiPage { Check = check, View = view, State = form["session"], Values = state.Where(p => p.Key.StartsWith("show.", StringComparison.Ordinal)).ToDictionary(p => p.Key[5..], p => p.Value, StringComparer.Ordinal) };
        try
        {
            switch (challenge)
            {
                case ChallengeNameType.NEW_PASSWORD_REQUIRED:
                    var password = form.GetValueOrDefault("password") ?? "";
                    if (password != form.GetValueOrDefault("confirmPassword"))
                    {
                        return again with { Error = PasswordsDiffer, Fields = Split(state.GetValueOrDefault("f")) };
                    }

                    responses["NEW_PASSWORD"] = password;
                    foreach (var name in Split(state.GetValueOrDefault("f")))
                    {
                        responses["userAttributes." + name] = form.GetValueOrDefault(HostedUiViews.AttributeField(name)) ?? "";
                    }

                    break;
                case ChallengeNameType.SELECT_MFA_TYPE:
                    responses["ANSWER"] = form.GetValueOrDefault("mfaType") ?? "";
                    break;
                case ChallengeNameType.WEB_AUTHN:
                    responses["CREDENTIAL"] = form.GetValueOrDefault("credential") ?? "";
                    break;
                case ChallengeNameType.MFA_SETUP:
                    var verified = await CallAsync<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>(new VerifySoftwareTokenRequest
                    {
                        Session = session,
                        UserCode = form.GetValueOrDefault("code") ?? "",
                        FriendlyDeviceName = form.GetValueOrDefault("deviceName") is { Length: > 0 } device ? device : null,
                    }, IdentityProviderValidator.Validate, "VerifySoftwareToken", ct);
                    session = verified.Session ?? session;
                    break;
                default:
                    responses[challenge == ChallengeNameType.SOFTWARE_TOKEN_MFA ? "SOFTWARE_TOKEN_MFA_CODE" : challenge + "_CODE"] = form.GetValueOrDefault("code") ?? "";
                    break;
            }

            return await NextAsync(check, grant, signIn, finish, username, await responder.RespondAsync(signIn, challenge, session, responses, ct), ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            return again with { Error = e.Message, Fields = Split(state.GetValueOrDefault("f")) };
        }
    }

    /// <summary>The page for what the sign-in state machine answered: the callback once it finished, else the
    /// challenge's page.</summary>
    private async Task<HostedUiPage> NextAsync(
        AuthorizeCheck check, AuthorizeGrant grant, SignInContext signIn, SignInFinish finish, string username, AuthOutcome outcome, CancellationToken ct)
    {
        _ = signIn;
        if (outcome.AuthenticationResult is not null)
        {
            return finish is { Result: { } redirect, User: { } user }
                ? new HostedUiPage
                {
                    Check = check,
                    Redirect = redirect,
                    SessionCookie = await sessions.StartAsync(grant.SessionCookie, grant.Pool.Id, user.UsernameKey, ct),
                }
                : throw new InvalidOperationException("The sign-in ended without its finish.");
        }

        var challenge = outcome.ChallengeName ?? "";
        var p = outcome.ChallengeParameters;
        var username2 = p.GetValueOrDefault("USER_ID_FOR_SRP") ?? username;
        switch (challenge)
        {
            case ChallengeNameType.NEW_PASSWORD_REQUIRED:
                var required = JsonSerializer.Deserialize(p.GetValueOrDefault("requiredAttributes") ?? "[]", CoreJsonContext.Default.ListString) ?? [];
                var names = required.Select(r => r["userAttributes.".Length..]).ToList();
                return new HostedUiPage
                {
                    Check = check,
                    View = HostedUiViews.NewPassword,
                    Fields = names,
                    State = await SealAsync(grant, HostedUiViews.NewPassword, username2, outcome.Session, challenge, null, ("f", string.Join(' ', names))),
                };
            case ChallengeNameType.SMS_MFA or ChallengeNameType.EMAIL_OTP or ChallengeNameType.SOFTWARE_TOKEN_MFA:
                var shown = new List<(string, string)> { ("show.challenge", challenge) };
                if (p.GetValueOrDefault("CODE_DELIVERY_DESTINATION") is { } destination)
                {
                    shown.Add(("show.destination", destination));
                }

                return new HostedUiPage
                {
                    Check = check,
                    View = HostedUiViews.Mfa,
                    Values = Values([.. shown.Select(s => (s.Item1[5..], s.Item2))]),
                    State = await SealAsync(grant, HostedUiViews.Mfa, username2, outcome.Session, challenge, null, [.. shown]),
                };
            case ChallengeNameType.SELECT_MFA_TYPE:
                var factors = JsonSerializer.Deserialize(p.GetValueOrDefault("MFAS_CAN_CHOOSE") ?? "[]", CoreJsonContext.Default.ListString) ?? [];
                return new HostedUiPage
                {
                    Check = check,
                    View = HostedUiViews.SelectMfa,
                    Fields = factors,
                    State = await SealAsync(grant, HostedUiViews.SelectMfa, username2, outcome.Session, challenge, null, ("f", string.Join(' ', factors))),
                };
            case ChallengeNameType.MFA_SETUP:
                // The pages set up an authenticator app (TOTP), as Cognito's hosted UI does, through
                // AssociateSoftwareToken with the challenge's session.
                var associated = await CallAsync<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>(
                    new AssociateSoftwareTokenRequest { Session = outcome.Session }, IdentityProviderValidator.Validate, "AssociateSoftwareToken", ct);
                var secret = associated.SecretCode!;
                var user = await directory.FindAsync(grant.Pool, username2, ct);
                var label = Uri.EscapeDataString(grant.Pool.Config.Name ?? grant.Pool.Id) + ":" + Uri.EscapeDataString(user?.Username ?? username2);
                var otpauth = $"otpauth://totp/{label}?secret={secret}&issuer={Uri.EscapeDataString(grant.Pool.Config.Name ?? grant.Pool.Id)}";
                (string, string)[] setup = [("show.secret", secret), ("show.otpauth", otpauth)];
                return new HostedUiPage
                {
                    Check = check,
                    View = HostedUiViews.MfaSetup,
                    Values = Values([.. setup.Select(s => (s.Item1[5..], s.Item2))]),
                    State = await SealAsync(grant, HostedUiViews.MfaSetup, username2, associated.Session, challenge, null, setup),
                };
            case ChallengeNameType.WEB_AUTHN:
                // The options hold the challenge (the hash of the session) and the user's passkeys; the page's script
                // hands them to navigator.credentials.get and posts the assertion.
                (string, string)[] passkey = [("show.options", p.GetValueOrDefault("CREDENTIAL_REQUEST_OPTIONS") ?? "{}"), ("show.username", username2)];
                return new HostedUiPage
                {
                    Check = check,
                    View = HostedUiViews.Passkey,
                    Values = Values([.. passkey.Select(s => (s.Item1[5..], s.Item2))]),
                    State = await SealAsync(grant, HostedUiViews.Passkey, username2, outcome.Session, challenge, null, passkey),
                };
            default:
                // Devices and custom challenges have no hosted-UI page (Cognito's hosted UI has none for custom auth).
                throw CognitoErrors.ChallengeNotBuilt(challenge);
        }
    }

    private (SignInContext SignIn, SignInFinish Finish) SignIn(AuthorizeGrant grant)
    {
        var finish = new SignInFinish((user, ct) => hostedUi.RedirectAsync(grant, user, ct));
        return (SignInContext.For(grant.Pool, grant.Client) with { Finish = finish }, finish);
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        TRequest request, Action<TRequest, ValidationErrors> validate, string operation, CancellationToken ct)
        where TRequest : class
        where TResponse : class
    {
        var errors = new ValidationErrors();
        validate(request, errors);
        if (errors.Count > 0)
        {
            throw CognitoErrors.ModelValidation(IdentityProviderOperations.TargetPrefix, errors.ToMessage());
        }

        var handler = services.GetRequiredService<IOperationHandler<TRequest, TResponse>>();
        return await handler.HandleAsync(request, new OperationContext { RequestId = Guid.NewGuid().ToString(), OperationName = operation }, ct);
    }

    private async Task<string> SealAsync(
        AuthorizeGrant grant, string view, string username, string? session, string? challenge, TimeSpan? lifetime, params (string Key, string Value)[] extra)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal) { ["v"] = view, ["c"] = grant.Client.ClientId!, ["u"] = username };
        if (session is not null)
        {
            state["s"] = session;
        }

        if (challenge is not null)
        {
            state["n"] = challenge;
        }

        foreach (var (key, value) in extra)
        {
            state[key] = value;
        }

        return (await sealingKeys.SessionSealerAsync()).Seal(Purpose, state, CoreJsonContext.Default.DictionaryStringString,
            lifetime ?? UserPoolClientRules.AuthSessionLifetime(grant.Client));
    }

    private async Task<Dictionary<string, string>?> OpenAsync(string? sealedState, AuthorizeGrant grant, string view)
    {
        var payload = (await sealingKeys.SessionSealerAsync()).Unseal(Purpose, sealedState);
        var state = payload is null ? null : JsonSerializer.Deserialize(payload, CoreJsonContext.Default.DictionaryStringString);
        return state is not null && state.GetValueOrDefault("v") == view && state.GetValueOrDefault("c") == grant.Client.ClientId
            && state.ContainsKey("u") && (view is HostedUiViews.Confirm or HostedUiViews.ConfirmForgotPassword || (state.ContainsKey("s") && state.ContainsKey("n")))
            ? state
            : null;
    }

    private static List<string> Split(string? value) => [.. (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>What the user typed, to fill the form in again after an error (never the password).</summary>
    private static Dictionary<string, string> Typed(IReadOnlyDictionary<string, string> form, params string[] also) =>
        form.Where(f => also.Contains(f.Key) || f.Key.StartsWith("requiredAttributes[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> Delivery(CodeDeliveryDetailsType? details, string username)
    {
        var values = Values(("username", username));
        if (details?.Destination is { } destination)
        {
            values["destination"] = destination;
            values["medium"] = details.DeliveryMedium ?? "";
        }

        return values;
    }
}
