using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;

namespace Adhere.Core.Register;

/// <summary>
/// A row of SQLite's <c>RegisterNames</c> table: one normalised company or service name, kept by triggers and indexed
/// by the FTS5 trigram table <c>RegisterNameSearch</c> (ADR 0022). Mapped for reading only, on SQLite only; the
/// migration <c>RegisterSearchIndex</c> creates the tables and triggers, so EF's migrations leave them alone.
/// </summary>
internal sealed class RegisterName
{
    public long Key { get; private set; }

    public OrganisationId? OrganisationId { get; private set; }

    public ServiceId? ServiceId { get; private set; }

    public string Name { get; private set; } = string.Empty;
}
