using System.Globalization;
using System.Text;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Demo;

/// <summary>
/// The demo's declarations: Nimbus Cloud GmbH has submitted a declaration of all its services (every control answered,
/// ISO/IEC 27001 and 27701 certificates), ready for assessment; Stratus Hosting SAS holds a declaration verified
/// eleven months ago, so that renewals and certificate change notices can be tried; Cirrus Data Oy has submitted a first
/// declaration that waits for an assessor. <see cref="SeedRegisterHistoryAsync"/> adds two more register entries in other
/// states: Altocumulus Hosting's verification has expired, Cumulus Compute's is suspended. All text is invented for the demo.
/// </summary>
public sealed class DemoDeclarations(AdhereDb db, UploadDocument upload, StartDeclaration start, UpdateDeclaration update, AddCertificate addCertificate,
    SubmitDeclaration submit, DeclarationEvidence evidence, Assessments.AssessmentSettings settings, VerificationNumbers numbers,
    Register.TransparencyLog register, TimeProvider time)
{
    // Our own sentences per subsection; the control's title is put in front, so each answer reads as specific.
    private static readonly Dictionary<string, string> Practice = new(StringComparer.Ordinal)
    {
        ["5.1"] = "The customer agreement and its data processing addendum set this out; both are published on our website and attached to this declaration. Legal reviews them at least once a year.",
        ["5.2"] = "Staff and systems act only on documented customer instructions given through the console, the API or a signed order. Requests outside those instructions are refused and escalated to the legal team.",
        ["5.3"] = "We keep a public list of subprocessors, give customers 30 days' notice of changes with a right to object, and bind each subprocessor by contract to the same obligations we accept.",
        ["5.4"] = "Customer data stays in our German and Dutch regions. Support access from outside the EEA is covered by the Standard Contractual Clauses and a transfer impact assessment reviewed yearly.",
        ["5.5"] = "Customers receive our audit reports on request and may audit us on-site with 30 days' notice; the procedure and costs are described in the addendum.",
        ["5.6"] = "Liability is governed by the customer agreement; nothing in it limits the liability owed to data subjects under the GDPR.",
        ["5.7"] = "Self-service tools export, correct and delete customer data; the support team answers data subject and impact assessment requests within five working days.",
        ["5.8"] = "Our record of processing activities as a processor is kept in the privacy management tool and updated whenever a service or subprocessor changes.",
        ["5.9"] = "Our data protection officer is named in the addendum and on the website and reachable at dpo@nimbus.demo.example.",
        ["5.10"] = "We cooperate with supervisory authorities and inform customers of requests concerning their data unless the law forbids it.",
        ["5.11"] = "Everyone with access to customer data signs a confidentiality undertaking and completes privacy training when joining and every year after.",
        ["5.12"] = "The incident response plan defines how breaches are detected, assessed and reported; affected customers are told without undue delay and at the latest within 24 hours.",
        ["5.13"] = "At the end of the contract customers may export their data for 30 days; afterwards it is deleted from production within 30 and from backups within 90 days, and deletion is confirmed on request.",
        ["5.14"] = "The trust centre on our website describes data locations, subprocessors, certifications and this declaration; customers are told of changes by e-mail.",
        ["6.1"] = "Our information security management system is certified to ISO/IEC 27001 and covers every declared service; risks are reviewed each quarter by the security board.",
        ["6.2"] = "The control is implemented under our ISO/IEC 27001 Statement of Applicability and verified by internal audit and the yearly surveillance audit.",
    };

    /// <returns>The IDs of Nimbus's submitted declaration and Stratus's verified one.</returns>
    public async Task<Result<(Guid Nimbus, Guid Stratus)>> SeedAsync(IReadOnlyDictionary<string, Guid> organisations, CancellationToken ct)
    {
        var nimbus = await SeedProviderAsync(organisations["Nimbus Cloud GmbH"], "Nimbus", "Nimbus Cloud services 2026", "Jonas Weber", "dpo@nimbus.demo.example", ct);
        if (nimbus.IsError) return nimbus.Error!;
        var submitted = await submit.HandleAsync(nimbus.Value, ct);
        if (submitted.IsError) return submitted.Error!;

        var stratus = await SeedProviderAsync(organisations["Stratus Hosting SAS"], "Stratus", "Stratus hosting", "Camille Martin", "dpo@stratus.demo.example", ct);
        if (stratus.IsError) return stratus.Error!;
        var fired = await submit.HandleAsync(stratus.Value, ct);
        if (fired.IsError) return fired.Error!;
        var verified = await VerifyEarlierAsync(stratus.Value, ct);
        if (verified.IsError) return verified.Error!;

        // A first declaration waiting in the work queue for an assessor to open it.
        var cirrus = await SeedProviderAsync(organisations["Cirrus Data Oy"], "Cirrus", "Cirrus storage services", "Aino Virtanen", "dpo@cirrus.demo.example", ct);
        if (cirrus.IsError) return cirrus.Error!;
        var waiting = await submit.HandleAsync(cirrus.Value, ct);
        return waiting.IsError ? waiting.Error! : (nimbus.Value, stratus.Value);
    }

    private async Task<Result<Guid>> SeedProviderAsync(Guid organisation, string brand, string title, string contact, string email, CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().Where(s => s.OrganisationId == new Domain.Organisations.OrganisationId(organisation))
            .OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => s.Id.Value).ToListAsync(ct);
        var started = await start.HandleAsync(new(organisation, DemoSeeder.DemoCodeName, "2.11", null, services, title, 2, contact, email), ct);
        if (started.IsError) return started.Error!;
        var id = started.Value.Summary.Id;

        var agreement = await UploadAsync(organisation, $"{brand}-Customer-Agreement.pdf", $"{brand} customer agreement (demo)", ct);
        var addendum = await UploadAsync(organisation, $"{brand}-Data-Processing-Addendum.pdf", $"{brand} data processing addendum (demo)", ct);
        var report27001 = await UploadAsync(organisation, $"{brand}-ISO27001-Audit-Report.pdf", $"{brand} ISO/IEC 27001 surveillance audit report (demo)", ct);
        var report27701 = await UploadAsync(organisation, $"{brand}-ISO27701-Audit-Report.pdf", $"{brand} ISO/IEC 27701 audit report (demo)", ct);
        foreach (var upload in new[] { agreement, addendum, report27001, report27701 })
        {
            if (upload.IsError) return upload.Error!;
        }

        var updated = await update.HandleAsync(new(id, title, 2, contact, email, null,
            [new(agreement.Value, "service-agreement"), new(addendum.Value, "data-processing-agreement")]), ct);
        if (updated.IsError) return updated.Error!;

        // Answers are written on the aggregate in one save: seventy use-case calls would only slow the first start down.
        var declaration = await db.Declarations.Include(d => d.Answers).Include(d => d.Services).Include(d => d.Certificates)
            .Include(d => d.Agreements).Include(d => d.RemovedServices).FirstAsync(d => d.Id == new DeclarationId(id), ct);
        var controls = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == declaration.CatalogueId).OrderBy(c => c.Position)
            .Select(c => new { c.Key, c.Title, c.SectionKey }).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var control in controls)
        {
            var practice = Practice.GetValueOrDefault(control.SectionKey, "This is covered by our documented policies and checked by internal audit.");
            var statement = $"**{control.Title}.** {practice.Replace("Nimbus", brand, StringComparison.Ordinal).Replace("nimbus", brand.ToLowerInvariant(), StringComparison.Ordinal)}";
            var answered = declaration.Answer(control.Key, statement, "Owner: the compliance team; evidence reviewed yearly.",
                control.SectionKey.StartsWith("6.", StringComparison.Ordinal) ? [report27001.Value] : [], "demo", now);
            if (answered.IsError) return answered.Error!;
        }

        db.Record("declaration.answers-seeded", "declaration", id.ToString(), declaration.OrganisationId,
            new AuditChanges().Added("answers", controls.Count.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var serviceIds = declaration.Services.Select(s => s.ServiceId.Value).ToList();
        var iso27001 = await addCertificate.HandleAsync(id, new CertificateInput("iso-27001-2022", "2022", $"{brand.ToUpperInvariant()}-ISMS-2024-0117",
            "Demo Certification Services GmbH", "DAkkS (demo)", $"Information security management for the operation of the {brand} cloud services listed in the annex.",
            serviceIds, today.AddMonths(-20), today.AddMonths(16), report27001.Value, null), ct);
        if (iso27001.IsError) return iso27001.Error!;
        var iso27701 = await addCertificate.HandleAsync(id, new CertificateInput("iso-27701-2019", "2019", $"{brand.ToUpperInvariant()}-PIMS-2025-0042",
            "Demo Certification Services GmbH", "DAkkS (demo)", $"Privacy information management as a processor for the {brand} cloud services.",
            serviceIds, today.AddMonths(-8), today.AddMonths(10), report27701.Value, null), ct);
        return iso27701.IsError ? iso27701.Error! : id;
    }

    /// <summary>
    /// Two more register entries, seeded after the demo's approvals so that those keep their running numbers: Altocumulus
    /// Hosting, verified fourteen months ago and expired since; Cumulus Compute, verified five months ago (and suspended by a
    /// measure on a founded demo complaint, see <see cref="DemoComplaints"/>).
    /// </summary>
    public async Task<Result<Done>> SeedRegisterHistoryAsync(IReadOnlyDictionary<string, Guid> organisations, CancellationToken ct)
    {
        var alto = await SeedProviderAsync(organisations["Altocumulus Hosting s.r.o."], "Altocumulus", "Altocumulus hosting", "Petra Dvořáková",
            "dpo@altocumulus.demo.example", ct);
        if (alto.IsError) return alto.Error!;
        var altoSubmitted = await submit.HandleAsync(alto.Value, ct);
        if (altoSubmitted.IsError) return altoSubmitted.Error!;
        var expired = await VerifyEarlierAsync(alto.Value, -14, await numbers.AllocateAsync(settings.BodyCode, ct), DeclarationStatus.Expired, ct);
        if (expired.IsError) return expired;

        var cumulus = await SeedProviderAsync(organisations["Cumulus Compute AB"], "Cumulus", "Cumulus compute platform", "Erik Lindqvist",
            "dpo@cumulus.demo.example", ct);
        if (cumulus.IsError) return cumulus.Error!;
        var cumulusSubmitted = await submit.HandleAsync(cumulus.Value, ct);
        if (cumulusSubmitted.IsError) return cumulusSubmitted.Error!;
        // Suspended later by a measure on a founded demo complaint (DemoComplaints).
        return await VerifyEarlierAsync(cumulus.Value, -5, await numbers.AllocateAsync(settings.BodyCode, ct), DeclarationStatus.Verified, ct);
    }

    /// <summary>Marks the Stratus declaration as verified eleven months ago under a demo Verification-ID, as an import of history would.</summary>
    private Task<Result<Done>> VerifyEarlierAsync(Guid id, CancellationToken ct) =>
        // Number 1 of the installation's own code, so that the IDs the demo issues later continue from it.
        VerifyEarlierAsync(id, -11, 1, DeclarationStatus.Verified, ct);

    /// <summary>
    /// Records a verification made <paramref name="monthsAgo"/> (negative) months ago, as an import of history would, and
    /// lists it in the transparency log (and, for an expired one, its expiry too) so the log matches the register.
    /// </summary>
    private async Task<Result<Done>> VerifyEarlierAsync(Guid id, int monthsAgo, int runningNumber, DeclarationStatus status, CancellationToken ct)
    {
        var declaration = await db.Declarations.Include(d => d.Certificates).FirstAsync(d => d.Id == new DeclarationId(id), ct);
        var approved = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddMonths(monthsAgo);
        var number = new VerificationNumber(approved.Year, ComplianceLevel.Second, settings.BodyCode, runningNumber);
        var validUntil = DeclarationEvidence.ValidityEnd(approved);
        declaration.RecordImportedVerification(number.ToString(), ComplianceLevel.Second, approved, validUntil, status, time.GetUtcNow());
        db.VerificationRecords.Add(VerificationRecord.Create(declaration.Id, declaration.OrganisationId, number, approved, validUntil, null,
            VerificationSource.Imported, time.GetUtcNow()));
        await evidence.RefreshChecksAsync(declaration, ct);
        db.Record("declaration.verification-imported", "declaration", id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Added("verificationId", number.ToString()));
        var company = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        await register.AppendAsync(new Register.TransparencyLogChange(Register.TransparencyLogEvents.Listed, number.ToString(), null, company, 2, validUntil), ct);
        if (status == DeclarationStatus.Expired)
        {
            await register.AppendAsync(new Register.TransparencyLogChange(Register.TransparencyLogEvents.Expired, number.ToString(), null, company, 2, validUntil), ct);
        }

        await db.SaveChangesAsync(ct);
        return Done.Value;
    }

    private async Task<Result<Guid>> UploadAsync(Guid organisation, string fileName, string text, CancellationToken ct)
    {
        using var content = new MemoryStream(DemoPdf.Create(text));
        var uploaded = await upload.HandleAsync(new(organisation, fileName, content), ct);
        return uploaded.IsError ? uploaded.Error! : uploaded.Value.Id;
    }
}

/// <summary>Writes a one-page PDF with one line of text: enough for the demo's documents to open in a viewer.</summary>
internal static class DemoPdf
{
    public static byte[] Create(string line)
    {
        var escaped = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var stream = $"BT /F1 14 Tf 72 760 Td ({escaped}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
