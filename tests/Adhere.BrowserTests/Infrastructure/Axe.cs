using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Adhere.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core (the copy embedded in Deque.AxeCore.Commons, injected into the page: no network) against WCAG 2.0
/// and 2.1, levels A and AA, and fails with every violation spelled out: rule, impact, where, and what to do.
/// </summary>
public static class Axe
{
    /// <summary>The WCAG 2.1 AA conformance target: 2.0 and 2.1 success criteria, levels A and AA.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            // Violations are all a failure message needs; skipping the rest keeps the answer small.
            ResultTypes = [ResultType.Violations],
        });

        // A page axe could not examine at all would pass vacuously; every page here has a heading, a link or a form.
        Assert.True(result.Passes.Length + result.Violations.Length > 0, $"axe checked nothing on {what} ({page.Url}).");
        if (result.Violations.Length == 0) return;

        var message = new StringBuilder($"{what} ({page.Url}) has {result.Violations.Length} WCAG 2.1 AA violation(s):");
        foreach (var v in result.Violations)
        {
            message.Append("\n- ").Append(v.Id).Append(" [").Append(v.Impact).Append("]: ").Append(v.Help).Append(" (").Append(v.HelpUrl).Append(')');
            foreach (var node in v.Nodes)
            {
                message.Append("\n    at ").Append(node.Target).Append(": ").Append(node.Html);
                // axe's own summary: every "all" and "none" check that failed, and the "any" checks of which one must pass.
                foreach (var check in node.All.Concat(node.None)) message.Append("\n      ").Append(check.Message);
                if (node.Any.Length > 0) message.Append("\n      one of: ").AppendJoin("; ", node.Any.Select(c => c.Message));
            }
        }

        Assert.Fail(message.ToString());
    }
}
