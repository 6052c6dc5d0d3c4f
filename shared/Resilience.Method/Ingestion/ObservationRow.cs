namespace Resilience.Method.Ingestion;

/// <summary>The indicator values of one city-year; <see cref="Values"/> is indexed like the catalog, null = missing.</summary>
public sealed record ObservationRow(string CityId, int Year, double?[] Values);
