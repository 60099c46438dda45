using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Adhere.Web.Infrastructure;

/// <summary>The one place where use-case errors become HTTP: status by error kind, ProblemDetails with a stable errorCode.</summary>
public static class ErrorHttp
{
    public static int StatusOf(Error error) => error switch
    {
        NotFoundError => StatusCodes.Status404NotFound,
        InvalidError { Code: DocumentErrors.TooLargeCode } => StatusCodes.Status413PayloadTooLarge,
        InvalidError or ProblemListError => StatusCodes.Status400BadRequest,
        ConflictError => StatusCodes.Status409Conflict,
        ForbiddenError => StatusCodes.Status403Forbidden,
        UnauthorizedError => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult ToProblem(this Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = Describe(error.Code, error.Message, StatusOf(error), error is InvalidError { Field: { } f } ? f : null);
        if (error is ProblemListError list)
        {
            problem.Extensions["problems"] = list.Problems.Select(p => new { code = p.Code, message = p.Message, subject = p.Subject }).ToList();
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>Builds the ProblemDetails body shared by errors, authentication failures and unexpected exceptions.</summary>
    public static ProblemDetails Describe(string code, string detail, int status, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://adhere.dev/problems/{code}",
            Title = Title(status),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["errorCode"] = code;
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    private static string Title(int status) => status switch
    {
        400 => "The request is not valid",
        401 => "Authentication is required",
        403 => "Not allowed",
        404 => "Not found",
        409 => "Conflict with the current state",
        413 => "The request is too large",
        429 => "Too many requests",
        _ => "The request failed",
    };
}
