using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adhere.Domain.Common;

/// <summary>Writes every <see cref="IEntityId"/> as its bare GUID string in JSON, and reads it back, so APIs and stored JSON show plain IDs.</summary>
public sealed class EntityIdJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsValueType && typeof(IEntityId).IsAssignableFrom(typeToConvert);
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(IdConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class IdConverter<T> : JsonConverter<T>
        where T : struct, IEntityId
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (T)Activator.CreateInstance(typeof(T), reader.GetGuid())!;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
