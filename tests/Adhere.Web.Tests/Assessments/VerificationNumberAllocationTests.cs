using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Records;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

public sealed class VerificationNumberAllocationTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string NewBodyCode() => "T" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)).ToUpperInvariant();

    /// <summary>Takes one number in its own scope and transaction, as one approval on one app instance would.</summary>
    private async Task<int> AllocateInOwnTransactionAsync(string bodyCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "approval");
        var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var number = await scope.ServiceProvider.GetRequiredService<VerificationNumbers>().AllocateAsync(bodyCode, CancellationToken.None);
        await Task.Delay(20); // hold the transaction open a moment, as an approval writing its report would
        await transaction.CommitAsync();
        return number;
    }

    [Fact]
    public async Task Allocate_InSequence_CountsUpFromOne()
    {
        var code = NewBodyCode();

        var numbers = new List<int>();
        for (var i = 0; i < 3; i++) numbers.Add(await AllocateInOwnTransactionAsync(code));

        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal(1, await AllocateInOwnTransactionAsync(NewBodyCode())); // per body code
    }

    [Fact]
    public async Task Allocate_InParallelApprovals_NeverHandsOutANumberTwice()
    {
        var code = NewBodyCode();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => AllocateInOwnTransactionAsync(code))));

        Assert.Equal(Enumerable.Range(1, 16), numbers.Order());
    }

    [Fact]
    public async Task Allocate_RolledBack_GivesTheNumberBackUnpublished()
    {
        var code = NewBodyCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "approval");
            var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<VerificationNumbers>().AllocateAsync(code, CancellationToken.None));
        }

        Assert.Equal(1, await AllocateInOwnTransactionAsync(code));
    }

    [Fact]
    public async Task Allocate_AfterImportedHistory_ContinuesAfterTheHighestImportedNumber()
    {
        var code = NewBodyCode();
        Assert.Equal(1, await AllocateInOwnTransactionAsync(code)); // the counter exists before the import
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var org = await app.CreateProviderAsync();
            var catalogue = await db.Catalogues.Select(c => c.Id).FirstOrDefaultAsync();
            if (catalogue == default)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(Declarations.DeclarationScenario.Yaml($"Counter Code {Guid.NewGuid():N}"));
                await sp.GetRequiredService<Adhere.Core.Catalogue.ImportCatalogue>().HandleAsync(
                    new(new MemoryStream(bytes), bytes.Length, Adhere.Core.Catalogue.CatalogueFormat.Native, false), CancellationToken.None);
                catalogue = await db.Catalogues.Select(c => c.Id).FirstAsync();
            }

            var declaration = Declaration.Start(new Adhere.Domain.Organisations.OrganisationId(org.Id), catalogue, "Counter Code", "1.0", [], app.Time.GetUtcNow());
            db.Declarations.Add(declaration);
            var imported = VerificationNumber.Parse($"2021LVL02{code}041").Value;
            db.VerificationRecords.Add(VerificationRecord.Create(declaration.Id, declaration.OrganisationId, imported, new DateOnly(2021, 5, 1),
                new DateOnly(2022, 4, 30), null, VerificationSource.Imported, app.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        Assert.Equal(42, await AllocateInOwnTransactionAsync(code));
        Assert.Equal(43, await app.WithSystemAsync(sp => sp.GetRequiredService<VerificationNumbers>().NextRunningNumberAsync(code, CancellationToken.None)));
    }
}
