using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>
/// The expected failures of the declaration lifecycle, submission and service exclusivity. Codes are stable
/// (<c>declaration.*</c>); messages may change. Named <c>LifecycleErrors</c> so that a feature-wide
/// <c>DeclarationErrors</c> (not found, and so on) can live in <c>Adhere.Domain.Declarations</c> without a clash.
/// </summary>
public static class LifecycleErrors
{
    public static ConflictError TransitionNotAllowed(DeclarationStatus from, DeclarationTrigger trigger, IReadOnlyList<DeclarationTrigger> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var options = allowed.Count == 0 ? $"none, '{from}' is final" : string.Join(", ", allowed);
        return new("declaration.transition-not-allowed", $"'{trigger}' is not possible for a declaration in status '{from}'; allowed from there: {options}.");
    }

    public static ForbiddenError RoleNotAllowed(Role actor, DeclarationTrigger trigger, IReadOnlyList<Role> allowed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(allowed);
        return new("declaration.role-not-allowed", $"The role '{actor.Name}' may not fire '{trigger}' here; that is for {string.Join(", ", allowed.Select(r => r.Name))}.");
    }

    public static ConflictError NotEditable(DeclarationStatus status) =>
        new("declaration.not-editable", $"A declaration in status '{status}' can no longer be edited; after submission only the MB's clarification requests can be answered.");

    public static ConflictError NoOpenClarification(DeclarationStatus status) =>
        new("declaration.no-open-clarification", $"A declaration in status '{status}' has no open clarification requests to answer.");

    public static ForbiddenError FourEyes() =>
        new("declaration.four-eyes", "You assessed this declaration, so another decision maker must decide it (four eyes).");

    public static InvalidError Incomplete(int problems) =>
        new("declaration.incomplete", $"The declaration cannot be submitted yet: {problems} thing(s) are missing; run the submission check to see them all.");

    public static ConflictError ServiceAlreadyDeclared(ServiceConflict conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return new("declaration.service-already-declared",
            $"The service '{conflict.ServiceName}' is already in declaration {conflict.OtherDeclaration} ({conflict.OtherStatus}) of the same Code; a service can be in only one open declaration per Code.");
    }
}
