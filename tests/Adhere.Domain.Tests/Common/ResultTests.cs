using Adhere.Domain.Common;

namespace Adhere.Domain.Tests.Common;

public class ResultTests
{
    private static readonly ConflictError SomeError = new("thing.conflict", "It clashes.");

    [Fact]
    public void Success_HoldsValueAndNoError()
    {
        var result = Result<int>.Success(42);

        Assert.False(result.IsError);
        Assert.Null(result.Error);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Failure_HoldsErrorAndIsError()
    {
        var result = Result<int>.Failure(SomeError);

        Assert.True(result.IsError);
        Assert.Same(SomeError, result.Error);
    }

    [Fact]
    public void Value_OfFailure_ThrowsNamingTheErrorCode()
    {
        var result = Result<string>.Failure(SomeError);

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);

        Assert.Contains("thing.conflict", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_WithNullError_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Result<int>.Failure(null!));
    }

    [Fact]
    public void ImplicitConversion_FromValue_IsSuccess()
    {
        Result<string> result = "done";

        Assert.False(result.IsError);
        Assert.Equal("done", result.Value);
    }

    [Fact]
    public void ImplicitConversion_FromError_IsFailure()
    {
        Result<string> result = new NotFoundError("thing.not-found", "No thing.");

        Assert.True(result.IsError);
        Assert.IsType<NotFoundError>(result.Error);
        Assert.Equal("thing.not-found", result.Error!.Code);
    }

    [Fact]
    public void Success_OfDone_IsNotError()
    {
        Result<Done> result = Done.Value;

        Assert.False(result.IsError);
        Assert.Equal(default, result.Value);
    }

    [Fact]
    public void Errors_WithSameKindCodeAndMessage_AreEqual()
    {
        Assert.Equal(new InvalidError("x.bad", "Bad.", "name"), new InvalidError("x.bad", "Bad.", "name"));
        Assert.NotEqual<Error>(new InvalidError("x.bad", "Bad."), new ConflictError("x.bad", "Bad."));
    }
}
