using Adhere.Core;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Adhere.Web.Tests.Accounts;

/// <summary>The test hosts hash passwords with fewer rounds; the product must not.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void AddAdhereCore_WithoutOverride_KeepsIdentityDefaultRounds()
    {
        var services = new ServiceCollection().AddLogging()
            .AddAdhereCore(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        using var provider = services.BuildServiceProvider();

        var rounds = provider.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount;

        Assert.True(rounds >= 100_000, $"PBKDF2 rounds: {rounds}");
        Assert.True(AdhereAppFactory.TestPasswordHashIterations < rounds);
    }
}
