using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Infrastructure;

/// <summary>Steps that several journeys share, done the way a user does them.</summary>
public static partial class Journeys
{
    /// <summary>Signs in through the form (pressing Enter in the password field) and waits until the page has left it.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        var passwordField = page.GetByLabel("Password", new() { Exact = true });
        await passwordField.FillAsync(password);
        await passwordField.PressAsync("Enter");
        await Expect(page).Not.ToHaveURLAsync(SignInPage());
    }

    /// <summary>What <c>document.activeElement</c> is, as "tag#id[name]: text" for readable assertion messages.</summary>
    public static Task<string> FocusedAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string>(
            """
            () => {
              const e = document.activeElement;
              if (!e) return '';
              return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[' + e.name + ']' : '') + ': ' + (e.textContent || '').trim();
            }
            """);
    }

    /// <summary>
    /// Presses <paramref name="key"/> (Tab or Shift+Tab) until the focused element's description starts with
    /// <paramref name="expected"/>; fails listing every stop if it is not reached within <paramref name="limit"/> presses.
    /// </summary>
    public static async Task TabToAsync(IPage page, string expected, string key = "Tab", int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(page);
        var stops = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync(key);
            var focused = await FocusedAsync(page);
            if (focused.StartsWith(expected, StringComparison.Ordinal)) return;
            stops.Add(focused);
        }

        Assert.Fail($"{key} did not reach \"{expected}\" in {limit} presses; it stopped at: {string.Join(" | ", stops)}");
    }

    [GeneratedRegex("/account/signin")]
    private static partial Regex SignInPage();
}
