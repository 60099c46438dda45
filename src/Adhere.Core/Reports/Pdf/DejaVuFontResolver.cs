using PdfSharp.Fonts;

namespace Adhere.Core.Reports.Pdf;

/// <summary>
/// Resolves every font the PDF renderer asks for to DejaVu Sans from the system font directory, so reports look the same
/// on every host and never depend on what fonts a server happens to have.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string FontDirectory = "/usr/share/fonts/truetype/dejavu";

    private static readonly Dictionary<string, string> FaceFiles = new(StringComparer.Ordinal)
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSans-Oblique"] = "DejaVuSans-Oblique.ttf",
        ["DejaVuSans-BoldOblique"] = "DejaVuSans-BoldOblique.ttf",
    };

    private static readonly Lock InstallLock = new();
    private static bool installed;

    /// <summary>Makes this resolver PDFsharp's global one; PDFsharp allows setting it only once per process.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (installed) return;
            // Fail here with a useful message rather than deep inside PDFsharp on the first glyph.
            foreach (var file in FaceFiles.Values)
            {
                var path = Path.Combine(FontDirectory, file);
                if (!File.Exists(path))
                    throw new InvalidOperationException(
                        $"The PDF report needs the font '{path}'. Install the Debian package 'fonts-dejavu-core'.");
            }
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            installed = true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[]? GetFont(string faceName) =>
        FaceFiles.TryGetValue(faceName, out var file) ? File.ReadAllBytes(Path.Combine(FontDirectory, file)) : null;
}
