namespace Adhere.Web.Tests.Infrastructure;

/// <summary>Paths in the checkout the tests run from, and in the shared folder beside it (real OSCAL files and schemas).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Adhere.slnx"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Adhere.slnx not found above the test binaries.");
    });

    /// <summary>The folder that holds <c>Adhere.slnx</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under <c>../shared</c>, e.g. <c>oscal/examples/basic-catalog.json</c>.</summary>
    public static string Shared(string relative) => Path.Combine(Root, "..", "shared", relative);
}
