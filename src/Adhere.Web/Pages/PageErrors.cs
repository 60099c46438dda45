using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Adhere.Web.Pages;

/// <summary>Shows a use-case error on a form, next to the field it concerns when it names one; a problem list in full.</summary>
public static class PageErrors
{
    public static void AddError(this ModelStateDictionary modelState, Error error)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(error);
        var problems = (error as ProblemListError)?.Problems ?? [];
        // Model state stops at 200 errors by default; a long list (a large Code, nothing answered) is still shown whole.
        modelState.MaxAllowedErrors = Math.Max(modelState.MaxAllowedErrors, modelState.ErrorCount + problems.Count + 2); // the last slot is kept for its "too many errors" marker
        modelState.AddModelError(error is InvalidError { Field: { } field } ? field : string.Empty, error.Message);
        // A list of problems (such as everything a declaration still misses) is shown whole, one line each.
        foreach (var problem in problems) modelState.AddModelError(string.Empty, problem.Message);
    }
}
