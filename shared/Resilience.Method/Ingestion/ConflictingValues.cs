using System.Globalization;
using Resilience.Method.Catalogs;

namespace Resilience.Method.Ingestion;

/// <summary>
/// Cells that two files of a dataset give differently: the same city, year and indicator with another value. Files
/// may share city-years legitimately (a year split into one file per dimension), so only differing values count; the
/// panel takes the later file's value (<see cref="Assessment.PanelMatrix.Build"/>), and this says so.
/// </summary>
public static class ConflictingValues
{
    /// <param name="files">Each file's name and rows, in the order the panel reads them.</param>
    /// <returns>A warning for the dataset, or null when no two files disagree.</returns>
    public static string? Describe(Catalog catalog, IReadOnlyList<(string File, IReadOnlyList<ObservationRow> Rows)> files)
    {
        var seen = new Dictionary<(string City, int Year), List<(int File, double?[] Values)>>();
        var conflicts = 0;
        string? first = null;
        for (var f = 0; f < files.Count; f++)
        {
            foreach (var row in files[f].Rows)
            {
                if (!seen.TryGetValue((row.CityId, row.Year), out var earlier))
                {
                    seen[(row.CityId, row.Year)] = [(f, row.Values)];
                    continue;
                }
                for (var j = 0; j < row.Values.Length; j++)
                {
                    if (row.Values[j] is not { } value) continue;
                    // Against the value in force so far: the last earlier file that gave this cell.
                    var previous = earlier.LastOrDefault(e => e.File != f && j < e.Values.Length && e.Values[j] is not null);
                    if (previous.Values is null || previous.Values[j] == value) continue;
                    conflicts++;
                    first ??= $"{row.CityId} {row.Year} {catalog.Indicators[j].Id}: {Format(previous.Values[j]!.Value)} in " +
                              $"{files[previous.File].File}, {Format(value)} in {files[f].File}";
                }
                earlier.Add((f, row.Values));
            }
        }
        return conflicts == 0 ? null
            : $"{conflicts} value(s) are given differently by two files for the same city, year and indicator (first: {first}); " +
              "the file read later (later in the inputs list) is used. Remove or correct one of the files";
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
