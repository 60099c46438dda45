using System.Globalization;
using Adhere.Core.Documents;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Documents;

namespace Adhere.Core.Complaints;

/// <summary>The answer to a filed complaint. <see cref="StatusKey"/> is the only copy of the secret: show it once.</summary>
public sealed record SubmittedComplaint(string Reference, string StatusKey, bool Anonymous, DateOnly AcknowledgeBy, DateOnly DecideBy);

/// <summary>
/// Files a complaint from the public, without an account. Every check runs before anything is written; then the
/// reference number, the complaint, its attachments, the audit record, (when an address was given) the
/// acknowledgement e-mail and the notice to the MB are saved in one transaction. The spam guard (form token, rate limit) is the host's job.
/// </summary>
public sealed class SubmitComplaint(AdhereDb db, ComplaintReferences references, RegisterQueries register, DocumentStore store,
    EvidenceSettings evidence, Outbox outbox, MailSettings mail, ComplaintSettings settings, TimeProvider time)
{
    /// <summary>A file to attach, as uploaded.</summary>
    public sealed record Upload(string? FileName, Stream Content);

    /// <param name="VerificationId">A current or former Verification-ID of a register entry; when given, the register's company name is used.</param>
    /// <param name="Company">The provider as typed, when no Verification-ID is given.</param>
    /// <param name="Role">customer, data-subject, csp or other.</param>
    /// <param name="Email">Empty for an anonymous complaint (then <paramref name="Name"/> must be empty too).</param>
    public sealed record Command(string? VerificationId, string? Company, string? Service, string? Role, string? Name, string? Email,
        bool MayRevealToProvider, string? Conduct, IReadOnlyList<Upload>? Attachments = null);

    public async Task<Result<SubmittedComplaint>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!ComplainantRoles.TryParse(command.Role, out var role)) return ComplaintErrors.RoleInvalid();
        var contact = Contact(command);
        if (contact.IsError) return contact.Error!;
        var verificationId = string.IsNullOrWhiteSpace(command.VerificationId) ? null : command.VerificationId.Trim();
        // A chosen entry stands in for the company until the register names it.
        var typed = new ComplaintTarget(verificationId, verificationId is null ? command.Company ?? string.Empty : "-", command.Service);
        var checkedInput = Complaint.Check(role, contact.Value, typed, command.Conduct);
        if (checkedInput.IsError) return checkedInput.Error!;

        var target = typed;
        if (verificationId is not null)
        {
            var found = await register.VerificationAsync(verificationId, ct);
            if (found.IsError) return ComplaintIntakeErrors.VerificationIdUnknown();
            target = new ComplaintTarget(found.Value.VerificationId, found.Value.Company, command.Service);
        }

        var uploads = command.Attachments ?? [];
        if (uploads.Count > ComplaintAttachment.MaxPerComplaint) return ComplaintIntakeErrors.TooManyAttachments();
        var received = new List<(DocumentStore.Incoming File, string Name, string Type)>();
        try
        {
            foreach (var upload in uploads)
            {
                var file = await ReceiveAsync(upload, ct);
                if (file.IsError) return file.Error!;
                received.Add(file.Value);
            }

            return await SaveAsync(command, role, contact.Value, target, received, ct);
        }
        finally
        {
            foreach (var (file, _, _) in received) await file.DisposeAsync();
        }
    }

    private async Task<Result<(DocumentStore.Incoming File, string Name, string Type)>> ReceiveAsync(Upload upload, CancellationToken ct)
    {
        // The evidence rules: a safe name, the size limit (reading at most one byte past it), not empty, a sniffed allowed type.
        var name = EvidenceDocument.CheckFileName(upload.FileName);
        if (name.IsError) return name.Error!;
        var incoming = await store.ReceiveAsync(upload.Content, evidence.MaxUploadBytes, FileSniffer.HeadLength, ct);
        Error? error = incoming.Length == 0 ? DocumentErrors.Empty()
            : incoming.Length > evidence.MaxUploadBytes ? DocumentErrors.TooLarge(evidence.MaxUploadBytes)
            : null;
        var type = error is null ? FileSniffer.Check(incoming.Head, name.Value) : default;
        error ??= type.Error;
        if (error is not null)
        {
            await incoming.DisposeAsync();
            return error;
        }

        return (incoming, name.Value, type.Value.ContentType);
    }

    private async Task<Result<SubmittedComplaint>> SaveAsync(Command command, ComplainantRole role, ComplainantContact? contact, ComplaintTarget target,
        List<(DocumentStore.Incoming File, string Name, string Type)> files, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(ct);
        var reference = await references.AllocateAsync(now.UtcDateTime.Year, ct);
        var (secret, hash) = ComplaintStatusKey.New();
        var filed = Complaint.File(reference, hash, role, contact, target, command.Conduct, settings, now);
        if (filed.IsError) return filed.Error!;
        var complaint = filed.Value;
        db.Complaints.Add(complaint);
        foreach (var (file, name, type) in files)
        {
            var attachment = ComplaintAttachment.Create(complaint.Id, name, type, file.Length, file.Sha256, now).Value;
            db.ComplaintAttachments.Add(attachment);
        }

        // The complainant's identity stays out of the audit trail; the case holds it, for MB staff only.
        db.Record("complaint.received", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("reference", complaint.Reference)
            .Added("status", complaint.Status.ToString())
            .Added("target", complaint.TargetVerificationId ?? complaint.Company)
            .Added("anonymous", complaint.IsAnonymous ? "true" : "false")
            .Added("attachments", files.Count.ToString(CultureInfo.InvariantCulture)));

        if (complaint.ComplainantEmail is { } email) outbox.Enqueue([email], "complaint.received", $"Your complaint {complaint.Reference} was received", Acknowledgement(complaint, secret));
        // The MB learns of it by mail too, without the complainant's identity or the conduct: those stay in the console.
        outbox.Enqueue(await outbox.MonitoringBodyRecipientsAsync(ct), "complaint.new", $"New complaint {complaint.Reference}: {complaint.Company}",
            $"""
            A complaint was filed about {ComplaintReminders.About(complaint)}.
            Reference: {complaint.Reference}. Acknowledge it by {Day(complaint.AcknowledgeBy)}; decide by {Day(complaint.DecideBy)}.
            Read it in the console: {ComplaintReminders.ConsoleLink(mail, complaint.Reference)}
            """);

        // Files go into place before the rows, as for evidence: a row never points at missing content.
        foreach (var (file, _, _) in files) await store.CommitAsync(file);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new SubmittedComplaint(complaint.Reference, secret, complaint.IsAnonymous, complaint.AcknowledgeBy, complaint.DecideBy);
    }

    /// <summary>The link that shows a complaint's status; it carries the secret, so it is shown once and mailed only to the complainant.</summary>
    public static string StatusPath(string reference, string secret) =>
        $"/complaints/status?ref={Uri.EscapeDataString(reference)}&key={Uri.EscapeDataString(secret)}";

    private string Acknowledgement(Complaint complaint, string secret) =>
        $"""
        Thank you for your complaint about {complaint.Company}{(complaint.Service is null ? "" : $" ({complaint.Service})")}.
        Your reference number is {complaint.Reference}.

        We aim to confirm that we are handling it by {Day(complaint.AcknowledgeBy)} and to decide on it by {Day(complaint.DecideBy)}.
        We may write to this address with questions; please answer them within {settings.ComplainantAnswerDays} days.

        You can follow its status here (keep this link private, it works without an account):
        {mail.Link(StatusPath(complaint.Reference, secret))}
        """;

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static Result<ComplainantContact?> Contact(Command command)
    {
        var name = string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim();
        var email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim();
        if (email is null) return name is null ? Result<ComplainantContact?>.Success(null) : ComplaintErrors.NameWithoutEmail();
        return new ComplainantContact(name, email, command.MayRevealToProvider);
    }
}

/// <summary>The text names of <see cref="ComplainantRole"/> used by the form and the API.</summary>
public static class ComplainantRoles
{
    public static IReadOnlyList<(ComplainantRole Role, string Name, string Label)> All { get; } =
    [
        (ComplainantRole.Customer, "customer", "Customer of the provider"),
        (ComplainantRole.DataSubject, "data-subject", "Person whose data the service processes (data subject)"),
        (ComplainantRole.Csp, "csp", "Another cloud service provider"),
        (ComplainantRole.Other, "other", "Other"),
    ];

    public static string NameOf(ComplainantRole role) => All.First(r => r.Role == role).Name;

    /// <summary>Accepts the names above, ignoring case and surrounding space.</summary>
    public static bool TryParse(string? text, out ComplainantRole role)
    {
        var key = text?.Trim();
        foreach (var (r, name, _) in All)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }

        role = default;
        return false;
    }
}

public static class ComplaintIntakeErrors
{
    public static InvalidError VerificationIdUnknown() => new("complaint.verification-id-unknown",
        "The register has no entry with that Verification-ID; check it, or leave it empty and type the company's name.", "verificationId");

    public static InvalidError TooManyAttachments() => new("complaint.too-many-attachments",
        $"At most {ComplaintAttachment.MaxPerComplaint} files can be attached to a complaint.", "attachments");

    public static NotFoundError NotFound(string? reference) => new("complaint.not-found", $"No complaint '{reference}' was found.");

    /// <summary>One answer for an unknown reference and a wrong key, so that nobody learns which references exist.</summary>
    public static NotFoundError StatusNotFound() => new("complaint.status-not-found",
        "No complaint matches this reference and key. Check both against your confirmation; the key is case-sensitive.");
}
