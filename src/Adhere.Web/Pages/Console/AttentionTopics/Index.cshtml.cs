using Adhere.Core.Assessments.Selection;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.AttentionTopics;

/// <summary>The MB's attention list: MB staff read it; MB administrators add, end and remove topics (the use cases check the role too).</summary>
public sealed class IndexModel(AttentionTopicQueries queries, AddAttentionTopic add, UpdateAttentionTopic update, RemoveAttentionTopic remove,
    Caller caller, TimeProvider time) : PageModel
{
    public IReadOnlyList<AttentionTopicDetails> Topics { get; private set; } = [];

    public bool IsAdmin => caller.IsInRole(Role.MbAdministrator);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    [BindProperty]
    public TopicForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Topics = await queries.ListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var keys = (Form.ControlKeys ?? string.Empty).Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await add.HandleAsync(new(Form.Topic, Form.Title, Form.Description, keys, Form.ValidFrom, Form.ValidUntil), ct);
        if (result.IsError) return await FailAsync(result.Error!, ct);
        TempData["Notice"] = $"'{result.Value.Title}' is on the attention list.";
        return Redirect("/console/attention-topics");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, DateOnly lastDay, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var topic = await queries.GetAsync(id, ct);
        if (topic.IsError) return NotFound();
        var t = topic.Value;
        var result = await update.HandleAsync(new(id, t.Title, t.Description, t.ControlKeys, t.ValidFrom, lastDay), ct);
        if (result.IsError) return await FailAsync(result.Error!, ct);
        TempData["Notice"] = $"'{t.Title}' ends on {lastDay:yyyy-MM-dd}.";
        return Redirect("/console/attention-topics");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var result = await remove.HandleAsync(id, ct);
        if (result.IsError) return await FailAsync(result.Error!, ct);
        TempData["Notice"] = result.Value.Deleted ? "The topic is removed." : "A selection used the topic, so it is ended instead of removed.";
        return Redirect("/console/attention-topics");
    }

    private async Task<IActionResult> FailAsync(Adhere.Domain.Common.Error error, CancellationToken ct)
    {
        ModelState.AddError(error);
        Topics = await queries.ListAsync(ct);
        return Page();
    }

    public sealed class TopicForm
    {
        public string? Topic { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        /// <summary>Extra control keys, separated by commas or spaces.</summary>
        public string? ControlKeys { get; set; }

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidUntil { get; set; }
    }
}
