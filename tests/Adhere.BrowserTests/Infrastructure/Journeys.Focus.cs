using System.Text.Json;
using Microsoft.Playwright;

namespace Adhere.BrowserTests.Infrastructure;

/// <summary>Keyboard checks: focus is always visible, follows the page's order and never gets stuck.</summary>
public static partial class Journeys
{
    /// <summary>One stop of the focus: its description, its tab-order index (-1: not a control) and how it shows focus.</summary>
    public sealed record FocusStop(string Description, int Index, bool Visible, string Style);

    /// <summary>
    /// Describes the focused element and whether it shows its focus: a computed outline (not <c>none</c>, wider than 0)
    /// or a box shadow, while it matches <c>:focus-visible</c> (what keyboard users get).
    /// </summary>
    public static async Task<FocusStop> FocusStopAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const e = document.activeElement;
              if (!e || e === document.body || e === document.documentElement) return { description: 'body', index: -1, visible: false, style: '' };
              const s = getComputedStyle(e);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
              const shadow = s.boxShadow && s.boxShadow !== 'none';
              const description = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[' + e.name + ']' : '') + ': ' + (e.textContent || '').trim().replace(/\s+/g, ' ');
              return {
                description,
                index: e.hasAttribute('data-tab-order') ? Number(e.getAttribute('data-tab-order')) : -1,
                visible: e.matches(':focus-visible') && (outline || shadow),
                style: 'outline ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + '; box-shadow ' + s.boxShadow,
              };
            }
            """);
        return new FocusStop(json.GetProperty("description").GetString()!, json.GetProperty("index").GetInt32(),
            json.GetProperty("visible").GetBoolean(), json.GetProperty("style").GetString()!);
    }

    /// <summary>Fails unless the focused element shows its focus; names the element and its computed style.</summary>
    public static async Task<FocusStop> AssertFocusVisibleAsync(IPage page)
    {
        var stop = await FocusStopAsync(page);
        Assert.True(stop.Visible, $"Focus on \"{stop.Description}\" is not visible ({stop.Style}).");
        return stop;
    }

    /// <summary>
    /// Like <see cref="TabToAsync"/>, but every element passed on the way must show its focus.
    /// </summary>
    public static async Task TabVisiblyToAsync(IPage page, string expected, string key = "Tab", int limit = 25)
    {
        ArgumentNullException.ThrowIfNull(page);
        var stops = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync(key);
            var stop = await AssertFocusVisibleAsync(page);
            if (stop.Description.StartsWith(expected, StringComparison.Ordinal)) return;
            stops.Add(stop.Description);
        }

        Assert.Fail($"{key} did not reach \"{expected}\" in {limit} presses; it stopped at: {string.Join(" | ", stops)}");
    }

    /// <summary>
    /// On a freshly loaded page, Tabs through every control and then Shift+Tabs back. Each control that can take focus
    /// must be reached in document order (nothing skipped, nothing trapping the focus) and show its focus; each walk
    /// must leave the page at its end. Returns the controls in tab order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TabThroughAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Controls a keyboard user should reach: enabled, rendered, not taken out of the tab order.
        var controls = await page.EvaluateAsync<string[]>(
            """
            () => {
              const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
                .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden'
                  && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
              all.forEach((e, i) => e.setAttribute('data-tab-order', String(i)));
              return all.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ': ' + (e.textContent || '').trim().replace(/\s+/g, ' '));
            }
            """);
        Assert.NotEmpty(controls);

        // A page may start with the focus on a control (autofocus): Tab then goes on from there, Shift+Tab comes back over all.
        // The browser moves the focus there a moment after the load event; on a busy machine that moment can come after
        // the first look, so wait for it.
        await page.WaitForFunctionAsync("() => { const a = document.querySelector('[autofocus]'); return !a || document.activeElement === a; }");
        var start = (await FocusStopAsync(page)).Index;
        var forward = await WalkAsync(page, "Tab", controls.Length);
        Assert.True(forward.SequenceEqual(Enumerable.Range(start + 1, controls.Length - start - 1)),
            $"Tab should visit the controls after {(start < 0 ? "the top" : controls[start])} in document order, once each, then leave the page; it went {Describe(forward, controls)}.");
        var backward = await WalkAsync(page, "Shift+Tab", controls.Length);
        Assert.True(backward.SequenceEqual(Enumerable.Range(0, controls.Length).Reverse()),
            $"Shift+Tab should then visit all {controls.Length} controls in reverse order; it went {Describe(backward, controls)}.");
        return controls;
    }

    /// <summary>Presses <paramref name="key"/> until the focus leaves the controls (or comes round again); returns the indices met.</summary>
    private static async Task<List<int>> WalkAsync(IPage page, string key, int count)
    {
        var visited = new List<int>();
        for (var i = 0; i < count + 3; i++)
        {
            await page.Keyboard.PressAsync(key);
            var stop = await FocusStopAsync(page);
            if (stop.Index < 0 || visited.Contains(stop.Index))
            {
                // Off the end (body or the browser) or round again: the walk is over. A stop outside the known controls
                // that is not the body would be a control the list missed.
                Assert.True(stop.Description == "body" || visited.Contains(stop.Index), $"{key} reached \"{stop.Description}\", which is not a listed control.");
                return visited;
            }

            Assert.True(stop.Visible, $"Focus on \"{stop.Description}\" is not visible ({stop.Style}).");
            visited.Add(stop.Index);
        }

        Assert.Fail($"{key} never left the page's controls after {count + 3} presses: {string.Join(", ", visited)} (a focus trap?).");
        return visited;
    }

    private static string Describe(List<int> visited, string[] controls) =>
        visited.Count == 0 ? "nowhere" : string.Join(" → ", visited.Select(i => $"{i} ({controls[i]})"));
}
