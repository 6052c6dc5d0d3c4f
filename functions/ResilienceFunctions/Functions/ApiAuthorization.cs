using Microsoft.Azure.Functions.Worker;

namespace ResilienceFunctions.Functions;

/// <summary>
/// Authorization levels of the HTTP functions. They are attribute arguments, so they are fixed at build time:
/// build with <c>-p:ReadsRequireKey=true</c> to make every read endpoint require a function key (default: anonymous,
/// for public dashboards). Writes always require a key.
/// </summary>
public static class ApiAuthorization
{
#if READS_REQUIRE_KEY
    public const AuthorizationLevel Read = AuthorizationLevel.Function;
#else
    public const AuthorizationLevel Read = AuthorizationLevel.Anonymous;
#endif

    public const AuthorizationLevel Write = AuthorizationLevel.Function;
}
