using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Tests;

public sealed class SharedInternalsTests
{
    [Theory]
    [InlineData("ab", "ac")]
    [InlineData("a", "b")]
    [InlineData("az", "a{")]
    [InlineData("\uD7FF", "\uE000")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("é", "ê")]
    [InlineData("x\uFFFF", "x\U00010000")]
    public void Prefix_upper_bound_is_the_next_string_in_code_point_order(string prefix, string expected)
    {
        Assert.Equal(expected, PrefixRange.UpperBound(prefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\U0010FFFF\U0010FFFF")]
    public void Prefix_upper_bound_is_null_when_every_string_would_match(string prefix)
    {
        Assert.Null(PrefixRange.UpperBound(prefix));
    }

    [Fact]
    public void Shared_rows_sql_names_its_parameters_with_an_at_sign_only()
    {
        // Both providers accept @name; SQLite's $name would fail on PostgreSQL, so a shared statement must not use it.
        var statements = typeof(Ninsho.Storage.Internal.Rows.GroupRows).Assembly.GetTypes()
            .Where(static t => t.Namespace == "Ninsho.Storage.Internal.Rows")
            .SelectMany(static t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(static f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
            .Select(static f => (Name: $"{f.DeclaringType!.Name}.{f.Name}", Sql: (string)(f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null))!))
            .ToList();

        Assert.NotEmpty(statements);
        // Quoted literals (e.g. the attribute name 'cognito:user_status') are not parameters.
        Assert.All(statements, static s => Assert.DoesNotMatch(@"[$:][a-z]", System.Text.RegularExpressions.Regex.Replace(s.Sql, "'[^']*'", "''")));
    }

    [Fact]
    public void Shared_rows_built_sql_names_its_parameters_with_an_at_sign_only()
    {
        // The statements a rows class builds (a page with or without its keyset condition) are shared too.
        var statements = typeof(Ninsho.Storage.Internal.Rows.GroupRows).Assembly.GetTypes()
            .Where(static t => t.Namespace == "Ninsho.Storage.Internal.Rows")
            .SelectMany(static t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(static m => m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string))
            .SelectMany(static m => new[] { null, "x" }.Select(arg => (Name: $"{m.DeclaringType!.Name}.{m.Name}({arg})", Sql: (string)m.Invoke(null, [arg])!)))
            .ToList();

        Assert.Contains(statements, static s => s.Name.StartsWith("IdentityPoolRows.", StringComparison.Ordinal));
        Assert.All(statements, static s => Assert.DoesNotMatch(@"[$:][a-z]", s.Sql));
    }

    [Fact]
    public void Merged_identity_keeps_its_providers_then_adds_the_others_once()
    {
        Assert.Equal(
            ["Google", "Facebook", "login.example"],
            Ninsho.Storage.Internal.Rows.IdentityPoolRows.MergeLogins(["Google", "Facebook"], ["Facebook", "login.example"]));
    }

    [Fact]
    public void Attributes_json_round_trips_and_sorts_names()
    {
        var attributes = new Dictionary<string, string>
        {
            ["sub"] = "1",
            ["custom:x"] = "quote \" backslash \\ emoji 🎉 nul \0",
            ["email"] = "",
        };

        var json = AttributesJson.Serialize(attributes);

        Assert.StartsWith("""{"custom:x":""", json, StringComparison.Ordinal);
        Assert.Equal(attributes.OrderBy(a => a.Key, StringComparer.Ordinal), AttributesJson.Parse(json).OrderBy(a => a.Key, StringComparer.Ordinal));
        Assert.Empty(AttributesJson.Parse("{}"));
    }
}
