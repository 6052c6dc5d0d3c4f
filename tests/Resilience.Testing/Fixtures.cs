namespace Resilience.Testing;

/// <summary>Where test inputs live: our fixtures in the repo, third-party files beside the checkout.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Our own reference values and demo files (copied from the method hand-over).</summary>
    public static string Method(params string[] parts) => Path.Combine([RepoRoot, "tests", "Fixtures", "method", .. parts]);

    /// <summary>
    /// Third-party data, never committed: read from ../shared/data/real beside the checkout.
    /// Null where that folder is absent (CI always has it).
    /// </summary>
    public static string? RealData(params string[] parts)
    {
        var path = Path.Combine([Path.GetDirectoryName(RepoRoot)!, "shared", "data", "real", .. parts]);
        return File.Exists(path) ? path : null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ResilienceFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (ResilienceFunctions.sln) above " + AppContext.BaseDirectory);
    }
}
