namespace Ninsho.CodeGen;

internal static class Program
{
    public static int Main() => 0;
}
