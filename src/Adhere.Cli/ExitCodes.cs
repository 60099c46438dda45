namespace Adhere.Cli;

/// <summary>The exit codes of <c>adhere</c>; scripts depend on them, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something broke that the user could not have prevented: a bug, an unreachable database.</summary>
    public const int Unexpected = 1;

    /// <summary>The input was wrong: a parse error, a use case's error, an unmigrated database, bad configuration.</summary>
    public const int UserError = 2;

    /// <summary><c>adhere audit verify</c> found a broken link in the audit chain.</summary>
    public const int AuditChainBroken = 3;

    /// <summary>
    /// <c>adhere report verify</c> checked the file and it is not an authentic issued report: altered, unknown here, or its
    /// stored signature fails. An issued report whose signature is still pending counts as authentic (exit 0).
    /// </summary>
    public const int ReportNotAuthentic = 4;

    /// <summary>
    /// <c>adhere register verify-log</c> found the transparency log broken: a rewritten, missing or reordered entry, or
    /// the log no longer reaches a head seen earlier.
    /// </summary>
    public const int TransparencyLogBroken = 5;

    /// <summary><c>adhere register verify-status</c>: the signature does not match, or the document is malformed or of another type.</summary>
    public const int StatusNotAuthentic = 6;

    /// <summary><c>adhere register verify-status</c>: signed with a key that the given JWK Set does not publish.</summary>
    public const int StatusKeyUnknown = 7;

    /// <summary><c>adhere register verify-status</c>: authentic but stale (past its expiry, or issued after the time checked at).</summary>
    public const int StatusStale = 8;

    /// <summary><c>adhere register verify-status</c>: authentic and fresh, but the entry is expired, suspended, revoked or withdrawn.</summary>
    public const int AdherenceNotValid = 9;

    /// <summary>Interrupted (Ctrl+C); the conventional 128 + SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>The text that the root command's help shows.</summary>
    public const string Summary =
        "Exit codes: 0 success; 1 unexpected failure; 2 invalid input (parse error, a rule broken, with a stable error code, " +
        "or an unmigrated database); 3 audit chain broken; 4 report not authentic (altered, unknown or signature invalid); 5 transparency log broken; 6 status document not authentic; 7 status document signed with an unknown key; " +
        "8 status document stale; 9 adherence not valid (register verify-status); 130 cancelled.";
}
