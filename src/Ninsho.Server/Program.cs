namespace Ninsho.Server;

/// <summary>Entry point of the Ninsho server.</summary>
public static class Program
{
    /// <summary>Runs the server.</summary>
    public static int Main() => 0;
}
