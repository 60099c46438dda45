using Adhere.Core.Persistence;
using Adhere.Domain.Assessments;

namespace Adhere.Core.Assessments.Selection;

/// <summary>Reads the control selections of assessments.</summary>
public sealed class SelectionQueries(AdhereDb db)
{
    /// <summary>The keys of the controls <paramref name="assessment"/> examines in depth, in catalogue order, once its selection is frozen; null before.</summary>
    public Task<IReadOnlyList<string>?> FrozenControlsAsync(AssessmentId assessment, CancellationToken ct)
    {
        _ = db;
        _ = assessment;
        _ = ct;
        return Task.FromResult<IReadOnlyList<string>?>(null); // replaced by the stored selection (in progress)
    }
}
