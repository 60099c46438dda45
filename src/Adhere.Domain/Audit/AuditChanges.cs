using System.Text;
using System.Text.Json;

namespace Adhere.Domain.Audit;

/// <summary>The fields an action changed, each with its old and new value as text (null when absent).</summary>
public sealed class AuditChanges
{
    private readonly SortedDictionary<string, (string? From, string? To)> fields = new(StringComparer.Ordinal);

    public static AuditChanges None => new();

    public IReadOnlyDictionary<string, (string? From, string? To)> Fields => fields;

    /// <summary>Records a field; a field whose value did not change is left out.</summary>
    public AuditChanges Set(string field, string? from, string? to)
    {
        if (from != to) fields[field] = (from, to);
        return this;
    }

    /// <summary>Records a value that is new, such as a field of a created object.</summary>
    public AuditChanges Added(string field, string? value) => Set(field, null, value);

    /// <summary>A stable JSON form: keys in ordinal order, no whitespace, <c>from</c> before <c>to</c>.</summary>
    public string ToCanonicalJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (field, (from, to)) in fields)
            {
                writer.WriteStartObject(field);
                writer.WriteString("from", from);
                writer.WriteString("to", to);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
