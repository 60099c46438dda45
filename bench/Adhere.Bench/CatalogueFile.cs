namespace Adhere.Bench;

/// <summary>Finds the catalogue to import: the path given, else the SP 800-53 LOW baseline beside the checkout.</summary>
internal static class CatalogueFile
{
    public const string DefaultName = "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json";

    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new ArgumentException($"No file at '{given}'.");
        }

        // The checkout's root holds Adhere.slnx; the shared examples live next to the checkout.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Adhere.slnx"))) continue;
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "oscal", "examples", DefaultName));
                if (File.Exists(candidate)) return candidate;
                break;
            }
        }

        throw new ArgumentException($"{DefaultName} was not found in ../shared/oscal/examples/ beside the checkout; pass its path.");
    }
}
