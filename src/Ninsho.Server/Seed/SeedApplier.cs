using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ninsho.Core.Features.TestControl;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Server.Seed;

/// <summary>Applies a seed file (docs/test-control.md#the-seed-file): every user pool, its identity providers,
/// resource servers, domain, groups, app clients and users, then the identity pools, each through its Cognito
/// operation (<see cref="OperationInvoker"/>: the model's checks and the handler's), the ids chosen as the
/// <c>_custom_id_</c> tag chooses them. What exists is described and compared with the file: equal, it is left
/// alone; different, the difference is reported, and overwritten only where the file says <c>Overwrite: true</c>.
/// Any error stops with a <see cref="SeedException"/> naming the line and the field.</summary>
internal sealed partial class SeedApplier(OperationInvoker api, TestControlService control)
{
    private static readonly string[] PoolKeys = ["Id", "Overwrite", "Clients", "Users", "Groups", "Domain", "ResourceServers", "IdentityProviders"];
    private static readonly string[] UserKeys = ["Username", "Attributes", "Password", "TemporaryPassword", "Status", "Enabled", "Groups", "TotpSecret", "Overwrite"];

    private SeedDocument _doc = null!;
    private SeedReport _report = null!;

    public async Task<SeedReport> ApplyAsync(SeedDocument document, CancellationToken ct)
    {
        _doc = document;
        _report = new SeedReport();
        var root = document.Root;
        CheckKeys(root, "the top", ["UserPools", "IdentityPools", "Overwrite"]);
        var overwrite = Bool(root, "Overwrite", "the top") ?? false;
        foreach (var (pool, index) in Items(root, "UserPools", "the top"))
        {
            await PoolAsync(pool, $"UserPools[{index}]", overwrite, ct);
        }

        foreach (var (pool, index) in Items(root, "IdentityPools", "the top"))
        {
            await IdentityPoolAsync(pool, $"IdentityPools[{index}]", overwrite, ct);
        }

        return _report;
    }

    private async Task PoolAsync(JsonObject entry, string where, bool inherited, CancellationToken ct)
    {
        var overwrite = Bool(entry, "Overwrite", where) ?? inherited;
        var id = Text(entry, "Id", where, required: true)!;
        where = $"{where} {id}";
        var members = Members<CreateUserPoolRequest>(entry, where, PoolKeys);
        await Guard(entry, "Id", where, async () =>
        {
            var existing = (await api.FindIdpAsync("DescribeUserPool", new JsonObject { ["UserPoolId"] = id }, ct))?["UserPool"];
            if (existing is null)
            {
                var create = Clone(members);
                var tags = create["UserPoolTags"] as JsonObject ?? [];
                tags[CustomIds.TagKey] = id;
                create["UserPoolTags"] = tags;
                _ = await api.IdpAsync("CreateUserPool", create, ct);
                _report.Created++;
                return;
            }

            var compare = Clone(members);
            // DescribeUserPool names two of CreateUserPool's members differently.
            if (compare.Remove("PoolName", out var name))
            {
                compare["Name"] = name;
            }

            if (compare.Remove("Schema", out var schema))
            {
                compare["SchemaAttributes"] = schema;
            }

            await CompareAsync(compare, existing, where, overwrite, async () =>
            {
                var update = Only<UpdateUserPoolRequest>(members);
                update["UserPoolId"] = id;
                _ = await api.IdpAsync("UpdateUserPool", update, ct);
            });
        });

        var withPool = new JsonObject { ["UserPoolId"] = id };
        foreach (var (provider, index) in Items(entry, "IdentityProviders", where))
        {
            var providerWhere = $"{where} IdentityProviders[{index}]";
            var name = Text(provider, "ProviderName", providerWhere, required: true)!;
            await EnsureAsync(provider, providerWhere, overwrite, "IdentityProvider", withPool,
                "CreateIdentityProvider", Members<CreateIdentityProviderRequest>(provider, providerWhere, ["Overwrite"]),
                "DescribeIdentityProvider", new JsonObject { ["UserPoolId"] = id, ["ProviderName"] = name },
                "UpdateIdentityProvider", typeof(UpdateIdentityProviderRequest), ct);
        }

        foreach (var (server, index) in Items(entry, "ResourceServers", where))
        {
            var serverWhere = $"{where} ResourceServers[{index}]";
            var identifier = Text(server, "Identifier", serverWhere, required: true)!;
            await EnsureAsync(server, serverWhere, overwrite, "ResourceServer", withPool,
                "CreateResourceServer", Members<CreateResourceServerRequest>(server, serverWhere, ["Overwrite"]),
                "DescribeResourceServer", new JsonObject { ["UserPoolId"] = id, ["Identifier"] = identifier },
                "UpdateResourceServer", typeof(UpdateResourceServerRequest), ct);
        }

        if (entry["Domain"] is { } domainNode)
        {
            var domainEntry = domainNode as JsonObject ?? new JsonObject { ["Domain"] = domainNode.DeepClone() };
            var domainWhere = $"{where} Domain";
            var domain = Text(domainEntry, "Domain", domainWhere, required: true)!;
            await Guard(entry, "Domain", domainWhere, async () =>
            {
                var described = (await api.IdpAsync("DescribeUserPoolDomain", new JsonObject { ["Domain"] = domain }, ct))?["DomainDescription"];
                var owner = described?["UserPoolId"]?.GetValue<string>();
                if (owner is null)
                {
                    var create = Members<CreateUserPoolDomainRequest>(domainEntry, domainWhere, []);
                    create["UserPoolId"] = id;
                    _ = await api.IdpAsync("CreateUserPoolDomain", create, ct);
                    _report.Created++;
                }
                else if (owner != id)
                {
                    throw new SeedException($"{_doc.Where(_doc.LineOf(entry, "Domain"), domainWhere)}: the domain {domain} belongs to the user pool {owner}.");
                }
                else
                {
                    _report.Unchanged++;
                }
            });
        }

        foreach (var (group, index) in Items(entry, "Groups", where))
        {
            var groupWhere = $"{where} Groups[{index}]";
            var name = Text(group, "GroupName", groupWhere, required: true)!;
            await EnsureAsync(group, groupWhere, overwrite, "Group", withPool,
                "CreateGroup", Members<CreateGroupRequest>(group, groupWhere, ["Overwrite"]),
                "GetGroup", new JsonObject { ["UserPoolId"] = id, ["GroupName"] = name },
                "UpdateGroup", typeof(UpdateGroupRequest), ct);
        }

        foreach (var (client, index) in Items(entry, "Clients", where))
        {
            await ClientAsync(client, id, $"{where} Clients[{index}]", overwrite, ct);
        }

        foreach (var (user, index) in Items(entry, "Users", where))
        {
            await UserAsync(user, id, $"{where} Users[{index}]", overwrite, ct);
        }
    }

    private async Task ClientAsync(JsonObject entry, string poolId, string where, bool inherited, CancellationToken ct)
    {
        var overwrite = Bool(entry, "Overwrite", where) ?? inherited;
        var clientId = Text(entry, "ClientId", where, required: true)!;
        where = $"{where} {clientId}";
        var members = Members<CreateUserPoolClientRequest>(entry, where, ["ClientId", "Overwrite"]);
        members["UserPoolId"] = poolId;
        await Guard(entry, "ClientId", where, async () =>
        {
            var key = new JsonObject { ["UserPoolId"] = poolId, ["ClientId"] = clientId };
            var existing = (await api.FindIdpAsync("DescribeUserPoolClient", Clone(key), ct))?["UserPoolClient"];
            var update = Only<UpdateUserPoolClientRequest>(members);
            update["ClientId"] = clientId;
            if (existing is null)
            {
                // The prefix chooses the id and becomes the name; the update that follows gives the file's name back.
                var create = Clone(members);
                create["ClientName"] = CustomIds.ClientNamePrefix + clientId;
                _ = await api.IdpAsync("CreateUserPoolClient", create, ct);
                _ = await api.IdpAsync("UpdateUserPoolClient", update, ct);
                _report.Created++;
                return;
            }

            var compare = Clone(members);
            compare.Remove("GenerateSecret");
            await CompareAsync(compare, existing, where, overwrite, async () => await api.IdpAsync("UpdateUserPoolClient", update, ct));
        });
    }

    private async Task UserAsync(JsonObject entry, string poolId, string where, bool inherited, CancellationToken ct)
    {
        CheckKeys(entry, where, UserKeys);
        var overwrite = Bool(entry, "Overwrite", where) ?? inherited;
        var username = Text(entry, "Username", where, required: true)!;
        where = $"{where} {username}";
        var password = Text(entry, "Password", where);
        var temporary = Text(entry, "TemporaryPassword", where);
        var status = Text(entry, "Status", where);
        var enabled = Bool(entry, "Enabled", where) ?? true;
        var totp = Text(entry, "TotpSecret", where);
        if (password is not null && temporary is not null)
        {
            throw new SeedException($"{_doc.Where(_doc.LineOf(entry, "TemporaryPassword"), where)}: give Password (CONFIRMED) or TemporaryPassword (FORCE_CHANGE_PASSWORD), not both.");
        }

        var expected = password is not null ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
        if (status is not null && status != expected)
        {
            throw new SeedException($"{_doc.Where(_doc.LineOf(entry, "Status"), where)}: Status {status} is not what the file gives: {expected} "
                + "(Password makes CONFIRMED, TemporaryPassword or none FORCE_CHANGE_PASSWORD; UNCONFIRMED users come from SignUp, not a seed).");
        }

        var attributes = new JsonArray();
        if (entry["Attributes"] is { } attributeNode)
        {
            if (attributeNode is not JsonObject map)
            {
                throw new SeedException($"{_doc.Where(_doc.LineOf(entry, "Attributes"), where)}: Attributes is a mapping of attribute name to value.");
            }

            foreach (var (name, value) in map)
            {
                attributes.Add((JsonNode)new JsonObject { ["Name"] = name, ["Value"] = value is null ? string.Empty : ScalarText(value) });
            }
        }

        var groups = Items(entry, "Groups", where, scalars: true).Select(g => ScalarText(g.Item)).ToList();
        var key = new JsonObject { ["UserPoolId"] = poolId, ["Username"] = username };
        await Guard(entry, "Username", where, async () =>
        {
            var existing = await api.FindIdpAsync("AdminGetUser", Clone(key), ct);
            if (existing is null)
            {
                var create = Clone(key);
                create["UserAttributes"] = attributes.DeepClone();
                create["MessageAction"] = "SUPPRESS";
                if ((temporary ?? password) is { } first)
                {
                    create["TemporaryPassword"] = first;
                }

                await Field(entry, "Attributes", where, () => api.IdpAsync("AdminCreateUser", create, ct));
                await AfterUserAsync(entry, key, where, password, enabled, groups, totp, ct, created: true);
                _report.Created++;
                return;
            }

            var differences = new List<string>();
            var actual = (existing["UserAttributes"] as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(a => a["Name"]!.GetValue<string>(), a => a["Value"]?.GetValue<string>(), StringComparer.Ordinal);
            var changed = new JsonArray();
            foreach (var attribute in attributes.OfType<JsonObject>())
            {
                var name = attribute["Name"]!.GetValue<string>();
                var value = attribute["Value"]!.GetValue<string>();
                if (actual.GetValueOrDefault(name) != value)
                {
                    differences.Add($"attribute {name} is '{actual.GetValueOrDefault(name)}', the file says '{value}'");
                    changed.Add(attribute.DeepClone());
                }
            }

            if (existing["Enabled"]?.GetValue<bool>() != enabled)
            {
                differences.Add($"Enabled is {existing["Enabled"]}, the file says {enabled.ToString().ToLowerInvariant()}");
            }

            var actualStatus = existing["UserStatus"]?.GetValue<string>();
            if (actualStatus != expected)
            {
                differences.Add($"UserStatus is {actualStatus}, the file gives {expected}");
            }

            var memberships = await api.IdpAsync("AdminListGroupsForUser", Clone(key), ct);
            var inGroups = (memberships?["Groups"] as JsonArray ?? []).Select(g => g?["GroupName"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var missing = groups.Where(g => !inGroups.Contains(g)).ToList();
            if (missing.Count > 0)
            {
                differences.Add($"not in the group(s) {string.Join(", ", missing)}");
            }

            if (differences.Count == 0)
            {
                _report.Unchanged++;
            }
            else if (!overwrite)
            {
                _report.Differences.Add($"{_doc.Where(_doc.LineOf(entry), where)}: {string.Join("; ", differences)} (left as it is; Overwrite: true replaces it)");
            }
            else
            {
                if (changed.Count > 0)
                {
                    var update = Clone(key);
                    update["UserAttributes"] = changed;
                    await Field(entry, "Attributes", where, () => api.IdpAsync("AdminUpdateUserAttributes", update, ct));
                }

                await AfterUserAsync(entry, key, where, password ?? temporary, enabled, missing, totp, ct, permanent: password is not null);
                _report.Updated++;
            }
        });
    }

    /// <summary>The password, enabled state, groups and TOTP secret of a user just created (or overwritten).</summary>
    private async Task AfterUserAsync(
        JsonObject entry, JsonObject key, string where, string? password, bool enabled, IReadOnlyList<string> groups, string? totp, CancellationToken ct,
        bool permanent = true, bool created = false)
    {
        if (password is not null)
        {
            var set = Clone(key);
            set["Password"] = password;
            set["Permanent"] = permanent;
            await Field(entry, permanent ? "Password" : "TemporaryPassword", where, () => api.IdpAsync("AdminSetUserPassword", set, ct));
        }

        if (!enabled || !created)
        {
            await Field(entry, "Enabled", where, () => api.IdpAsync(enabled ? "AdminEnableUser" : "AdminDisableUser", Clone(key), ct));
        }

        foreach (var group in groups)
        {
            var add = Clone(key);
            add["GroupName"] = group;
            await Field(entry, "Groups", where, () => api.IdpAsync("AdminAddUserToGroup", add, ct));
        }

        if (totp is not null)
        {
            var secret = totp;
            await Field(entry, "TotpSecret", where, async () =>
            {
                await control.SetTotpSecretAsync(key["UserPoolId"]!.GetValue<string>(), key["Username"]!.GetValue<string>(), secret, ct);
                return null;
            });
        }
    }

    private async Task IdentityPoolAsync(JsonObject entry, string where, bool inherited, CancellationToken ct)
    {
        var overwrite = Bool(entry, "Overwrite", where) ?? inherited;
        var id = Text(entry, "IdentityPoolId", where, required: true)!;
        where = $"{where} {id}";
        var members = Members<CreateIdentityPoolInput>(entry, where, ["IdentityPoolId", "Overwrite", "Roles", "RoleMappings"]);
        await Guard(entry, "IdentityPoolId", where, async () =>
        {
            var existing = await api.FindIdentityAsync("DescribeIdentityPool", new JsonObject { ["IdentityPoolId"] = id }, ct);
            if (existing is null)
            {
                var create = Clone(members);
                var tags = create["IdentityPoolTags"] as JsonObject ?? [];
                tags[CustomIds.TagKey] = id;
                create["IdentityPoolTags"] = tags;
                _ = await api.IdentityAsync("CreateIdentityPool", create, ct);
                _report.Created++;
            }
            else
            {
                await CompareAsync(members, existing, where, overwrite, async () =>
                {
                    var update = Clone(members);
                    update["IdentityPoolId"] = id;
                    _ = await api.IdentityAsync("UpdateIdentityPool", update, ct);
                });
            }

            if (entry["Roles"] is not null || entry["RoleMappings"] is not null)
            {
                var roles = new JsonObject { ["IdentityPoolId"] = id, ["Roles"] = entry["Roles"]?.DeepClone() ?? new JsonObject() };
                if (entry["RoleMappings"] is { } mappings)
                {
                    roles["RoleMappings"] = mappings.DeepClone();
                }

                await Field(entry, "Roles", where, () => api.IdentityAsync("SetIdentityPoolRoles", roles, ct));
            }
        });
    }

    /// <summary>One identity provider, resource server or group: created when the describe operation finds
    /// nothing, else compared.</summary>
    private async Task EnsureAsync(
        JsonObject entry, string where, bool inherited, string resultName, JsonObject poolKey,
        string createOperation, JsonObject members, string describeOperation, JsonObject describeKey, string updateOperation, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type updateType,
        CancellationToken ct)
    {
        var overwrite = Bool(entry, "Overwrite", where) ?? inherited;
        foreach (var (name, value) in poolKey)
        {
            members[name] = value?.DeepClone();
        }

        await Guard(entry, null, where, async () =>
        {
            var existing = (await api.FindIdpAsync(describeOperation, describeKey, ct))?[resultName];
            if (existing is null)
            {
                _ = await api.IdpAsync(createOperation, Clone(members), ct);
                _report.Created++;
                return;
            }

            await CompareAsync(members, existing, where, overwrite, async () =>
            {
                var names = MemberNames(updateType);
                var update = new JsonObject();
                foreach (var (name, value) in members)
                {
                    if (names.Contains(name))
                    {
                        update[name] = value?.DeepClone();
                    }
                }

                _ = await api.IdpAsync(updateOperation, update, ct);
            });
        });
    }

    private async Task CompareAsync(JsonObject wanted, JsonNode existing, string where, bool overwrite, Func<Task> update)
    {
        var differences = new List<string>();
        Differences(wanted, existing, string.Empty, differences);
        if (differences.Count == 0)
        {
            _report.Unchanged++;
        }
        else if (overwrite)
        {
            await update();
            _report.Updated++;
        }
        else
        {
            _report.Differences.Add($"{_doc.Where(_doc.LineOf(wanted), where)}: {string.Join("; ", differences)} (left as it is; Overwrite: true replaces it)");
        }
    }

    /// <summary>What the file states and the server does not have: each member the file gives must match (objects
    /// member by member, lists of objects as a subset, lists of strings as sets; a custom attribute may be named
    /// without <c>custom:</c>). Members the file leaves out are not compared (the server's defaults).</summary>
    private static void Differences(JsonNode? wanted, JsonNode? actual, string path, List<string> differences)
    {
        switch (wanted)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Differences(value, (actual as JsonObject)?[name], path.Length == 0 ? name : $"{path}.{name}", differences);
                }

                return;
            case JsonArray array when array.All(i => i is JsonValue):
                var want = array.Select(ScalarText).ToHashSet(StringComparer.Ordinal);
                var have = (actual as JsonArray ?? []).Select(ScalarText).ToHashSet(StringComparer.Ordinal);
                if (!want.SetEquals(have))
                {
                    differences.Add($"{path} is [{string.Join(", ", have.Order(StringComparer.Ordinal))}], the file says [{string.Join(", ", want.Order(StringComparer.Ordinal))}]");
                }

                return;
            case JsonArray array:
                var candidates = (actual as JsonArray ?? []).ToList();
                for (var i = 0; i < array.Count; i++)
                {
                    if (!candidates.Any(c => Matches(array[i], c)))
                    {
                        differences.Add($"{path}[{i}] is not on the server as the file gives it");
                    }
                }

                return;
            case null:
                return;
            default:
                if (actual is null || ScalarText(wanted) != ScalarText(actual))
                {
                    differences.Add($"{path} is {(actual is null ? "not set" : ScalarText(actual))}, the file says {ScalarText(wanted)}");
                }

                return;
        }
    }

    private static bool Matches(JsonNode? wanted, JsonNode? actual)
    {
        if (wanted is JsonObject obj && actual is JsonObject have)
        {
            return obj.All(p => Matches(p.Value, have[p.Key])
                || (p.Key == "Name" && have["Name"] is JsonValue n && ScalarText(n) == "custom:" + ScalarText(p.Value)));
        }

        var differences = new List<string>();
        Differences(wanted, actual, "x", differences);
        return differences.Count == 0;
    }

    private static string ScalarText(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => node.ToJsonString(),
    };

    /// <summary>Runs one step; a Cognito error becomes a <see cref="SeedException"/> naming the line of the field the
    /// message names (else of <paramref name="key"/>, else of the entry).</summary>
    private async Task Guard(JsonObject entry, string? key, string where, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (CognitoException e)
        {
            throw new SeedException($"{_doc.Where(LineFor(entry, key, e.Message), where)}: {e.Type}: {e.Message}");
        }
    }

    private async Task Field(JsonObject entry, string key, string where, Func<Task<JsonNode?>> step)
    {
        try
        {
            _ = await step();
        }
        catch (CognitoException e)
        {
            throw new SeedException($"{_doc.Where(LineFor(entry, entry.ContainsKey(key) ? key : null, e.Message), where)}: {key}: {e.Type}: {e.Message}");
        }
    }

    /// <summary>A model validation message names the member: <c>Value at 'policies.passwordPolicy…'</c>.</summary>
    private int LineFor(JsonObject entry, string? key, string message)
    {
        if (MemberInMessage().Match(message) is { Success: true } m)
        {
            var member = m.Groups[1].Value;
            var named = entry.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, member, StringComparison.OrdinalIgnoreCase));
            if (named is not null)
            {
                return _doc.LineOf(entry, named);
            }
        }

        return key is null ? _doc.LineOf(entry) : _doc.LineOf(entry, key);
    }

    [GeneratedRegex("'([A-Za-z]+)[.']")]
    private static partial Regex MemberInMessage();

    /// <summary>The entry's members that are the request type's, deep-copied; any other key (not in
    /// <paramref name="own"/>) is an error naming its line.</summary>
    private JsonObject Members<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TRequest>(JsonObject entry, string where, string[] own)
    {
        var names = MemberNames(typeof(TRequest));
        var members = new JsonObject();
        foreach (var (name, value) in entry)
        {
            if (names.Contains(name) && !own.Contains(name))
            {
                members[name] = value?.DeepClone();
            }
            else if (!own.Contains(name))
            {
                throw new SeedException($"{_doc.Where(_doc.LineOf(entry, name), where)}: unknown field '{name}' "
                    + $"(it takes the members of {typeof(TRequest).Name.Replace("Request", string.Empty, StringComparison.Ordinal).Replace("Input", string.Empty, StringComparison.Ordinal)} and {string.Join(", ", own)}).");
            }
        }

        _doc.Track(members, entry);
        return members;
    }

    private static JsonObject Only<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TRequest>(JsonObject members)
    {
        var names = MemberNames(typeof(TRequest));
        var result = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (names.Contains(name))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private static HashSet<string> MemberNames([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private void CheckKeys(JsonObject entry, string where, string[] allowed)
    {
        foreach (var (name, _) in entry)
        {
            if (!allowed.Contains(name))
            {
                throw new SeedException($"{_doc.Where(_doc.LineOf(entry, name), where)}: unknown field '{name}' (it takes {string.Join(", ", allowed)}).");
            }
        }
    }

    private IEnumerable<(JsonObject Item, int Index)> Items(JsonObject parent, string key, string where) =>
        Items(parent, key, where, scalars: false).Select(i => ((JsonObject)i.Item!, i.Index));

    private List<(JsonNode? Item, int Index)> Items(JsonObject parent, string key, string where, bool scalars)
    {
        if (parent[key] is null)
        {
            return [];
        }

        if (parent[key] is not JsonArray array)
        {
            throw new SeedException($"{_doc.Where(_doc.LineOf(parent, key), where)}: {key} is a list.");
        }

        var items = new List<(JsonNode?, int)>();
        for (var i = 0; i < array.Count; i++)
        {
            var ok = scalars ? array[i] is JsonValue : array[i] is JsonObject;
            if (!ok)
            {
                throw new SeedException($"{_doc.Where(array[i] is { } item ? _doc.LineOf(item) : _doc.LineOf(parent, key), where)}: each item of {key} is {(scalars ? "a name" : "a mapping")}.");
            }

            items.Add((array[i], i));
        }

        return items;
    }

    private string? Text(JsonObject entry, string key, string where, bool required = false)
    {
        switch (entry[key])
        {
            case null when required:
                throw new SeedException($"{_doc.Where(_doc.LineOf(entry, key), where)}: {key} is required.");
            case null:
                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            case JsonValue value:
                return ScalarText(value);
            default:
                throw new SeedException($"{_doc.Where(_doc.LineOf(entry, key), where)}: {key} is a single value.");
        }
    }

    private bool? Bool(JsonObject entry, string key, string where) => entry[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new SeedException($"{_doc.Where(_doc.LineOf(entry, key), where)}: {key} is true or false."),
    };

    private JsonObject Clone(JsonObject source)
    {
        var copy = (JsonObject)source.DeepClone();
        _doc.Track(copy, source);
        return copy;
    }
}
