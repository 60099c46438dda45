namespace Adhere.Domain.Common;

/// <summary>
/// The outcome of a use case: either a value or an <see cref="Common.Error"/>. Expected failures travel as values,
/// exceptions are kept for programmer errors and broken infrastructure.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    /// <summary>The failure, or null on success.</summary>
    public Error? Error { get; }

    public bool IsError => Error is not null;

    /// <summary>The value; throws when the result is an error, which is a programmer mistake.</summary>
    public T Value => Error is null ? value! : throw new InvalidOperationException($"Result holds error {Error.Code}, not a value.");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

#pragma warning disable CA2225 // implicit conversions are the point: handlers return a value or an error directly
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225
}

/// <summary>The value of a use case that succeeds with nothing to return.</summary>
public readonly record struct Done
{
    public static readonly Done Value;
}
