using Adhere.Domain.Catalogue;

namespace Adhere.Domain.Tests.Catalogue;

public sealed class CatalogueValidatorTests
{
    private static CatalogueDocument Document(
        IReadOnlyList<SectionDraft>? sections = null,
        IReadOnlyList<ControlDraft>? controls = null,
        IReadOnlyList<StandardDraft>? standards = null,
        IReadOnlyList<MappingDraft>? mappings = null,
        IReadOnlyList<TransitionDraft>? transitions = null) =>
        new(new CodeInfo("Code", "2.0", null, null, null, CatalogueStatus.Active, null, false, "native", null),
            sections ?? [new SectionDraft("5", null, "Data protection", null)],
            controls ?? [Control("5.1.A")],
            [],
            standards ?? [new StandardDraft("iso", "ISO", null, [new ClauseDraft("A.1", "One")])],
            mappings ?? [],
            transitions ?? []);

    private static ControlDraft Control(string key, string section = "5", string? parent = null, string statement = "Text.", IReadOnlyList<ParameterDraft>? parameters = null) =>
        new(key, section, parent, $"Title {key}", statement, null, [], [], null, parameters ?? []);

    [Fact]
    public void Validate_SoundDocument_ReportsNothing()
    {
        var problems = CatalogueValidator.Validate(Document(mappings: [new MappingDraft("5.1.A", "iso", "A.1", MappingRelationship.SubsetOf, null, false)]));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThem()
    {
        var problems = CatalogueValidator.Validate(Document(
            controls: [Control("5.1.A"), Control("5.1.A"), Control("5.1.B", section: "9")],
            mappings:
            [
                new MappingDraft("7.7.7", "iso", "A.1", MappingRelationship.EqualTo, null, false),
                new MappingDraft("5.1.A", "soc2", "CC1", MappingRelationship.EqualTo, null, false),
                new MappingDraft("5.1.A", "iso", "A.9", MappingRelationship.EqualTo, null, false),
            ]));

        Assert.Equal(
            ["catalogue.duplicate-control", "catalogue.unknown-section", "catalogue.mapping-unknown-control", "catalogue.mapping-unknown-standard", "catalogue.mapping-unknown-clause"],
            problems.Select(p => p.Code));
    }

    [Fact]
    public void Validate_ControlEnhancingItselfThroughParents_ReportsTheCycleOnce()
    {
        var problems = CatalogueValidator.Validate(Document(controls: [Control("5.1.A", parent: "5.1.B"), Control("5.1.B", parent: "5.1.A"), Control("5.1.C", parent: "5.1.A")]));

        Assert.Equal("catalogue.control-cycle", Assert.Single(problems).Code);
    }

    [Fact]
    public void Validate_SectionUnderItself_ReportsTheCycle()
    {
        var problems = CatalogueValidator.Validate(Document(sections: [new SectionDraft("5", "5", "Loop", null)]));

        Assert.Contains(problems, p => p.Code == "catalogue.section-cycle");
    }

    [Fact]
    public void Validate_StatementInsertsUndeclaredParameter_ReportsIt()
    {
        var problems = CatalogueValidator.Validate(Document(controls: [Control("5.1.A", statement: "Keep {{ insert: param, p9 }}.")]));

        Assert.Equal("catalogue.unknown-parameter", Assert.Single(problems).Code);
    }

    [Fact]
    public void Validate_TransitionToMissingControl_ReportsIt()
    {
        var problems = CatalogueValidator.Validate(Document(transitions: [new TransitionDraft("1.0", [new TransitionRow("4.1", "5.9.Z", null), new TransitionRow("4.2", null, "withdrawn")])]));

        Assert.Equal("catalogue.transition-unknown-control", Assert.Single(problems).Code);
    }

    [Theory]
    [InlineData("5.1.A")]
    [InlineData("ac-2.1")]
    [InlineData("AC-2(1)")]
    public void Validate_UsualControlIds_AreAccepted(string key)
    {
        Assert.Empty(CatalogueValidator.Validate(Document(controls: [Control(key)])));
    }

    [Theory]
    [InlineData("5.1 A")]
    [InlineData(".5")]
    [InlineData("")]
    public void Validate_MalformedControlIds_AreRefused(string key)
    {
        Assert.NotEmpty(CatalogueValidator.Validate(Document(controls: [Control(key)])));
    }
}

public sealed class ParameterTextTests
{
    [Fact]
    public void Render_LabelChoiceAndValue_AreShownInBrackets()
    {
        ParameterDraft[] parameters =
        [
            new("p1", "a frequency", [], null, null, []),
            new("p2", null, ["daily", "weekly"], "one-or-more", null, []),
            new("p3", "ignored", [], null, null, ["90 days"]),
        ];

        var text = ParameterText.Render("Review {{ insert: param, p1 }}, {{insert: param,p2}} and keep {{ insert: param, p3 }}; {{ insert: param, p4 }}.", parameters);

        Assert.Equal("Review [Assignment: a frequency], [Selection (one or more): daily; weekly] and keep 90 days; [p4].", text);
    }
}

public sealed class CatalogueDiffTests
{
    private static CatalogueDocument Doc(params ControlDraft[] controls) =>
        new(new CodeInfo("Code", "1", null, null, null, CatalogueStatus.Active, null, false, "native", null),
            [new SectionDraft("5", null, "S", null)], controls, [], [], [], []);

    private static ControlDraft C(string key, string title = "T", string statement = "S") => new(key, "5", null, title, statement, null, [], [], null, []);

    [Fact]
    public void Compare_AddedRemovedAndChanged_AreNamedWithFields()
    {
        var diff = CatalogueDiff.Compare(Doc(C("5.1.A"), C("5.1.B")), Doc(C("5.1.A", statement: "New"), C("5.1.C")));

        Assert.Equal(["5.1.C"], diff.AddedControls);
        Assert.Equal(["5.1.B"], diff.RemovedControls);
        Assert.Equal("5.1.A", Assert.Single(diff.ChangedControls).Key);
        Assert.Equal(["statement"], diff.ChangedControls[0].Fields);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Compare_SameContentWithOtherSourcePaths_IsEmptyAndFingerprintsAgree()
    {
        var a = Doc(C("5.1.A") with { SourcePath = "$.x" });
        var b = Doc(C("5.1.A") with { SourcePath = "$.y (line 9)" });

        Assert.True(CatalogueDiff.Compare(a, b).IsEmpty);
        Assert.Equal(CatalogueFingerprint.Of(a), CatalogueFingerprint.Of(b));
        Assert.NotEqual(CatalogueFingerprint.Of(a), CatalogueFingerprint.Of(Doc(C("5.1.A", title: "Other"))));
    }
}
