using Adhere.Domain.Common;

namespace Adhere.Core.Reports.Signing;

public static class SigningErrors
{
    public static ConflictError KeyExists() =>
        new("signing.key-exists", "A signing key already exists; use 'adhere keys rotate' to replace it.");

    public static NotFoundError NoActiveKey() =>
        new("signing.no-key", "There is no active signing key; create one with 'adhere keys create'.");

    public static InvalidError PasswordMissing() =>
        new("signing.password-missing", "Signing:KeyPassword is not configured; it encrypts the signing keys and is required to create or use them.");

    public static InvalidError PasswordWrong() =>
        new("signing.password-wrong", "Signing:KeyPassword does not decrypt the active signing key.");

    public static InvalidError Malformed(string detail) =>
        new("signature.malformed", $"The signed document is malformed: {detail}");

    public static InvalidError UnknownKey(string kid) =>
        new("signature.unknown-key", $"The document was signed with key '{kid}', which is not published.");

    public static InvalidError Invalid() =>
        new("signature.invalid", "The signature does not match the signed document.");

    public static InvalidError HashMismatch() =>
        new("report.hash-mismatch", "The file is not the report the manifest describes (its SHA-256 differs).");
}
