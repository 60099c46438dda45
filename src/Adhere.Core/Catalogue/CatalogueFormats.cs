using Adhere.Core.Catalogue.Native;
using Adhere.Core.Catalogue.Oscal;

namespace Adhere.Core.Catalogue;

/// <summary>Adapts the format readers to one result type.</summary>
internal static class CatalogueFormats
{
    public static CatalogueReadResult ReadOscalCatalog(ReadOnlyMemory<byte> bytes)
    {
        var result = OscalCatalogReader.Read(bytes);
        return new CatalogueReadResult(result.Document, result.Problems);
    }
}
