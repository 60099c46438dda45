namespace Adhere.Domain.Common;

/// <summary>
/// An expected failure of a use case: a stable machine-readable <see cref="Code"/> (such as
/// <c>account.duplicate-email</c>) and a message written for the person who made the request.
/// Hosts map the kind (the subclass) to a status: HTTP 404/400/409/403/401, CLI exit code 2.
/// </summary>
public abstract record Error(string Code, string Message);

/// <summary>The object does not exist, or exists outside the caller's organisation (the two are not told apart).</summary>
public sealed record NotFoundError(string Code, string Message) : Error(Code, Message);

/// <summary>The input breaks a rule; <see cref="Field"/> names the offending input when there is one.</summary>
public sealed record InvalidError(string Code, string Message, string? Field = null) : Error(Code, Message);

/// <summary>The request contradicts the current state (a duplicate, a wrong lifecycle step).</summary>
public sealed record ConflictError(string Code, string Message) : Error(Code, Message);

/// <summary>The caller is known but may not do this.</summary>
public sealed record ForbiddenError(string Code, string Message) : Error(Code, Message);

/// <summary>The caller could not be identified (missing, expired or revoked credentials).</summary>
public sealed record UnauthorizedError(string Code, string Message) : Error(Code, Message);

/// <summary>One of several problems reported together by a <see cref="ProblemListError"/>.</summary>
/// <param name="Subject">What it concerns (a control key, a service name, a JSON path); null for the whole.</param>
public sealed record ProblemItem(string Code, string Message, string? Subject = null);

/// <summary>
/// The input breaks several rules at once and all are reported, so that the user can fix them in one pass
/// (a submission check, an import). Hosts treat it like <see cref="InvalidError"/> and list <see cref="Problems"/>.
/// </summary>
public sealed record ProblemListError(string Code, string Message, IReadOnlyList<ProblemItem> Problems) : Error(Code, Message);
