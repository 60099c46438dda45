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
        modelState.AddModelError(error is InvalidError { Field: { } field } ? field : string.Empty, error.Message);
        // A list of problems (such as everything a declaration still misses) is shown whole, one line each.
        if (error is ProblemListError list)
        {
            foreach (var problem in list.Problems) modelState.AddModelError(string.Empty, problem.Message);
        }
    }
}
