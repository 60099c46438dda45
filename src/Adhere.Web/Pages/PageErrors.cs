using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Adhere.Web.Pages;

/// <summary>Shows a use-case error on a form, next to the field it concerns when it names one.</summary>
public static class PageErrors
{
    public static void AddError(this ModelStateDictionary modelState, Error error)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(error);
        modelState.AddModelError(error is InvalidError { Field: { } field } ? field : string.Empty, error.Message);
    }
}
